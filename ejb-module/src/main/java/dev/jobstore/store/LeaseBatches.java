package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.store.HolderAnswer.HolderAction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A remote worker's writes on many leases in one transaction: batch acknowledgement (fulfill,
 * fail, release) and batch heartbeat. Each job is checked against its own token, and one that
 * is refused (lease lost, not found, value too large) is left alone without spoiling the
 * others: the answer says, job by job, what was stored and why the rest was refused. A request
 * that is malformed as a whole (no job, too many, a job without token, a job named twice)
 * changes nothing.
 */
@Stateless
public class LeaseBatches {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    Fulfilling fulfilling;

    @Inject
    Holding holding;

    @Inject
    CallerScope scope;

    @Inject
    JobStorage storage;

    /** Fulfills, fails and releases the named leases; answers in that order, each list in its own order. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public List<HolderAnswer> acknowledge(
            List<Fulfillment> fulfill, List<FailedAttempt> fail, List<HeldLease> release) {
        List<Fulfillment> fulfills = orEmpty(fulfill);
        List<FailedAttempt> failures = orEmpty(fail);
        List<HeldLease> releases = orEmpty(release);
        List<HeldLease> named = Stream.of(
                        fulfills.stream().map(each -> new HeldLease(each.jobId(), each.token())),
                        failures.stream().map(each -> new HeldLease(each.jobId(), each.token())),
                        releases.stream())
                .flatMap(kind -> kind)
                .toList();
        requireWellNamed(named);
        if (named.size() > 1) {
            // The writes below lock job by job: the fulfill statement the current holders' rows in
            // its plan's order, then the entities the rows it left (a stale token's, to tell why)
            // and the fails and releases. Two acknowledgements naming the same jobs (one holding
            // their current leases, the other stale ones, as after a lapse) would wait on each
            // other in a cycle: take every row in id order first.
            storage.lockInIdOrder(named.stream().map(HeldLease::jobId).toList());
        }
        List<HolderAnswer> answers = new ArrayList<>(fulfills.size() + failures.size() + releases.size());
        Map<UUID, JobStoreException> refused = outOfScope(fulfills);
        refused.putAll(fulfilling.fulfillAll(fulfills.stream()
                .filter(each -> !refused.containsKey(each.jobId()))
                .toList()));
        for (Fulfillment each : fulfills) {
            JobStoreException refusal = refused.get(each.jobId());
            answers.add(
                    refusal == null
                            ? HolderAnswer.stored(each.jobId(), HolderAction.FULFILL, JobStatus.FULFILLED)
                            : HolderAnswer.refused(each.jobId(), HolderAction.FULFILL, refusal));
        }
        for (FailedAttempt each : failures) {
            answers.add(write(
                    each.jobId(),
                    HolderAction.FAIL,
                    () -> holding.fail(each.jobId(), each.token(), each.error(), each.retry())));
        }
        for (HeldLease each : releases) {
            answers.add(write(each.jobId(), HolderAction.RELEASE, () -> holding.release(each.jobId(), each.token())));
        }
        em.flush();
        return answers;
    }

    /** Extends each named lease to now + {@code length} (the default length if null). */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public List<HolderAnswer> heartbeat(List<HeldLease> leases, Duration length) {
        LeaseLength.resolve(length, settings);
        List<HeldLease> named = orEmpty(leases);
        requireWellNamed(named);
        // A heartbeat never waits on a row lock, so it can never be one side of a deadlock with
        // an acknowledgement (or any write) taking the same jobs in another order: a job another
        // transaction is writing at this moment is answered unextended, and renewed next time.
        Set<UUID> free =
                storage.lockUnlessBusy(named.stream().map(HeldLease::jobId).toList());
        List<HolderAnswer> answers = new ArrayList<>(named.size());
        for (HeldLease each : named) {
            try {
                Instant expiresAt = free.contains(each.jobId())
                        ? holding.heartbeat(each.jobId(), each.token(), length)
                        : holding.unextended(each.jobId(), each.token());
                answers.add(new HolderAnswer(each.jobId(), HolderAction.HEARTBEAT, JobStatus.RUNNING, expiresAt, null));
            } catch (JobStoreException refusal) {
                answers.add(HolderAnswer.refused(each.jobId(), HolderAction.HEARTBEAT, refusal));
            }
        }
        em.flush();
        return answers;
    }

    private HolderAnswer write(UUID id, HolderAction action, Supplier<Job> write) {
        try {
            return HolderAnswer.stored(id, action, write.get().status(clock.instant()));
        } catch (JobStoreException refusal) {
            return HolderAnswer.refused(id, action, refusal);
        }
    }

    /**
     * The fulfills a caller limited to some queues may not make, as not found. The fulfill
     * statement checks tokens but not queues; the other writes check both, job by job.
     */
    private Map<UUID, JobStoreException> outOfScope(List<Fulfillment> fulfills) {
        Map<UUID, JobStoreException> refused = new HashMap<>();
        if (fulfills.isEmpty() || scope.patterns().isEmpty()) {
            return refused;
        }
        Map<UUID, String> queues = new HashMap<>();
        em.createQuery("select j.id, j.queue from Job j where j.id in :ids", Object[].class)
                .setParameter("ids", fulfills.stream().map(Fulfillment::jobId).toList())
                .getResultList()
                .forEach(row -> queues.put((UUID) row[0], (String) row[1]));
        for (Fulfillment each : fulfills) {
            String queue = queues.get(each.jobId());
            if (queue == null || !scope.allows(queue)) {
                refused.put(each.jobId(), new JobNotFoundException(each.jobId()));
            }
        }
        return refused;
    }

    private void requireWellNamed(List<HeldLease> named) {
        if (named.isEmpty() || named.size() > settings.maxAcks()) {
            throw new InvalidRequestException(
                    "name between 1 and " + settings.maxAcks() + " jobs (jobstore.ack.max-batch)");
        }
        Set<UUID> seen = new HashSet<>();
        for (HeldLease each : named) {
            if (each == null
                    || each.jobId() == null
                    || each.token() == null
                    || each.token().isBlank()) {
                throw new InvalidRequestException("every job needs its id and its lease token");
            }
            if (!seen.add(each.jobId())) {
                throw new InvalidRequestException("job " + each.jobId() + " is named twice; name each job once");
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> items) {
        return items == null ? List.of() : items;
    }
}
