package dev.jobstore.storage;

import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.FinishedBefore;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobOrder;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.MinuteCounts;
import dev.jobstore.job.Rows;
import dev.jobstore.storage.FulfillOutcome.Fulfilled;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * {@link JobStorage} on PostgreSQL: claims, fulfill groups and plain inserts in one statement
 * each ({@link ClaimStatement}, {@link FulfillStatement}, {@link InsertStatement}), wake-ups
 * across nodes with LISTEN/NOTIFY, and a vacuum where autovacuum is off. What the statements
 * leave to the entities (jobs with collections to load, repeating jobs, refusals and their
 * reasons) and the sweeps go the portable way.
 */
@ApplicationScoped
@Typed(PostgresqlStorage.class)
public class PostgresqlStorage implements JobStorage {

    private static final Logger LOG = Logger.getLogger(PostgresqlStorage.class.getName());
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);

    @PersistenceContext
    EntityManager em;

    @Inject
    PortableStorage portable;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Override
    public List<JobView> claim(String queue, String worker, int max, Instant now, Instant expiresAt) {
        List<JobView> views = new ArrayList<>();
        List<UUID> withCollections = new ArrayList<>();
        for (ClaimedRow row : ClaimStatement.claim(em, queue, worker, max, now, expiresAt)) {
            if (row.hasCollections()) {
                withCollections.add(row.id());
            } else {
                views.add(JobView.granted(row, now));
            }
        }
        withCollections.forEach(id -> views.add(JobView.granted(Rows.find(em, Job.class, id), now)));
        return views.stream().sorted(JobOrder.CLAIMS).toList(); // RETURNING keeps no order
    }

    /**
     * The statement fulfills what it can; the rest goes the portable way, which tells why it
     * refuses a job or makes a repeat's next run. So do jobs this transaction already holds as
     * entities: the statement bypasses them, and they would go on showing the job as it was.
     */
    @Override
    public FulfillOutcome fulfill(List<CheckedFulfillment> group, Instant now) {
        Predicate<UUID> managed = ManagedJobs.in(em);
        List<CheckedFulfillment> unmanaged =
                group.stream().filter(each -> !managed.test(each.jobId())).toList();
        Map<UUID, Fulfilled> byStatement =
                unmanaged.isEmpty() ? Map.of() : FulfillStatement.fulfill(em, unmanaged, now);
        List<CheckedFulfillment> rest = group.stream()
                .filter(each -> !byStatement.containsKey(each.jobId()))
                .toList();
        if (rest.isEmpty()) {
            return new FulfillOutcome(List.copyOf(byStatement.values()), Map.of());
        }
        FulfillOutcome byEntities = portable.fulfill(rest, now);
        List<Fulfilled> fulfilled = new ArrayList<>(byStatement.values());
        fulfilled.addAll(byEntities.fulfilled());
        return new FulfillOutcome(fulfilled, byEntities.refused());
    }

    @Override
    public void insertPlain(List<Job> jobs, String announce) {
        InsertStatement.insertAll(em, jobs, announce == null ? null : NodeMessage.about(announce));
    }

    @Override
    public void announce(String channel) {
        // pg_notify in the caller's transaction: delivered to every listening node when, and only if, it commits
        em.createNativeQuery("select 1 from (select pg_notify('" + ClusterListener.PG_CHANNEL + "', :message)) as sent")
                .setParameter("message", NodeMessage.about(channel))
                .setFlushMode(FlushModeType.COMMIT) // it reads no table: the caller's writes may wait
                .getSingleResult();
    }

    @Override
    public NodeListener listen(Consumer<String> wake, Runnable wakeAll) {
        ClusterListener listener = new ClusterListener(dataSource, wake, wakeAll);
        executor.execute(listener);
        // The deployment completes only once other nodes' announcements are heard: a node that
        // answered before listening would leave its first long polls to the recheck.
        if (!listener.awaitListening(LISTEN_TIMEOUT)) {
            LOG.warning(() -> "Not yet listening for other nodes after " + LISTEN_TIMEOUT
                    + "; until it is, waiting pulls find their work by the periodic recheck");
        }
        return listener;
    }

    @Override
    public Instant databaseTime() {
        // clock_timestamp(), not now(): the time of this statement, not of the transaction's start
        return ((OffsetDateTime) em.createNativeQuery("select clock_timestamp()", OffsetDateTime.class)
                        .getSingleResult())
                .toInstant();
    }

    @Override
    public boolean vacuums() {
        return true;
    }

    @Override
    public void vacuumDue(long minDeadRows) {
        try {
            Vacuum.vacuumDue(dataSource, minDeadRows);
        } catch (SQLException e) {
            throw new PersistenceException("vacuum failed", e);
        }
    }

    @Override
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return portable.lockExpiredLeases(now, limit);
    }

    @Override
    public void addToHistory(MinuteCounts counts) {
        HistoryStatement.add(em, counts);
    }

    @Override
    public void recordDepth(String queue, Instant minute, long pending, long running) {
        HistoryStatement.setDepth(em, queue, minute, pending, running);
    }

    @Override
    public List<UUID> prunable(JobStatus status, Instant before, UUID after, int limit) {
        return portable.prunable(status, before, after, limit);
    }

    @Override
    public Set<UUID> lockUnlessBusy(List<UUID> ids) {
        // One statement shape for any number of ids ("in (:ids)" would be parsed and planned anew per size)
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> locked = new HashSet<>();
            try (PreparedStatement lock =
                    connection.prepareStatement("select id from job where id = any(?) for update skip locked")) {
                lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        locked.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            return locked;
        });
    }

    @Override
    public List<UUID> lockPrunable(List<UUID> ids, FinishedBefore cutoffs) {
        return portable.lockPrunable(ids, cutoffs);
    }

    @Override
    public void delete(List<UUID> ids) {
        portable.delete(ids);
    }
}
