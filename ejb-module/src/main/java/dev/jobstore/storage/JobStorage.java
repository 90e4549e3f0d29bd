package dev.jobstore.storage;

import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.FinishedBefore;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.MinuteCounts;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every operation of the store whose SQL differs by database, behind one interface: {@link
 * PortableStorage} on JPA (the reference, used on H2) and {@link PostgresqlStorage}, which does
 * the hot ones in one statement each. {@link StorageProducer} picks one by database; nothing else
 * branches on the database (the schema's migrations are found by its name). Both must pass the same contract test ({@code StorageContractIT}).
 * Every method runs in the caller's transaction unless it says otherwise.
 */
public interface JobStorage {

    /**
     * Leases up to {@code max} claimable jobs of {@code queue} to {@code worker} until {@code
     * expiresAt}, best first ({@link dev.jobstore.job.JobOrder#CLAIMS}); none while the queue is
     * paused. Concurrent claimers never get the same job and, where the database can skip locked
     * rows, never wait for each other's.
     * The views carry the new lease tokens.
     */
    List<JobView> claim(String queue, String worker, int max, Instant now, Instant expiresAt);

    /**
     * Fulfills each job of {@code group} whose token holds its unexpired lease at {@code now}
     * and stores its value; a job that cannot be fulfilled is left alone with the reason, without
     * spoiling the others. Only the rows whose current lease the group holds are locked: a token
     * that the job's last committed state already refuses is refused without a lock ({@link
     * dev.jobstore.job.LapsedLeases}), so a group of lapsed tokens never holds up the holders.
     */
    FulfillOutcome fulfill(List<CheckedFulfillment> group, Instant now);

    /**
     * Inserts new jobs that {@link Job#create} built with no key, dependencies or repeat, and
     * unless {@code announce} is null announces that channel as {@link #announce} would, in the
     * same statement where the database allows (a create is then one round trip and the commit).
     * The caller makes its views from the entities and does not change them afterwards: they may
     * never enter the persistence context.
     */
    void insertPlain(List<Job> jobs, String announce);

    /**
     * Tells the other nodes, once the caller's transaction commits, that {@code channel} (a queue
     * or the notification channel) may have work. Nothing where there is only one node.
     */
    void announce(String channel);

    /**
     * Hands the channels other nodes announce to {@code wake}, on a thread of its own, until
     * the returned handle is closed; it reconnects by itself when the database connection
     * breaks, and then calls {@code wakeAll}, since what was announced meanwhile is lost.
     * Outside any transaction.
     */
    NodeListener listen(Consumer<String> wake, Runnable wakeAll);

    /**
     * The database's clock now, read by a statement of its own: the one clock lease decisions
     * rest on, whichever node makes them ({@code AlignedClock}). Call it outside a transaction:
     * some databases answer a transaction's start time.
     */
    Instant databaseTime();

    /** Whether {@link #vacuumDue} has anything to do on this database. */
    boolean vacuums();

    /**
     * Vacuums the store's busiest tables when their dead rows pass {@code minDeadRows} and the
     * database does not do it by itself; one node at a time. Outside any transaction.
     */
    void vacuumDue(long minDeadRows);

    /**
     * Locks up to {@code limit} jobs whose work lease expired at {@code now}, skipping rows other
     * sweeps hold where the database can: sweeps on several nodes split the work.
     */
    List<Job> lockExpiredLeases(Instant now, int limit);

    /** Adds a node's counts to their queue's minute of history, creating the row if none has it yet. */
    void addToHistory(MinuteCounts counts);

    /** Records a queue's depth sampled in {@code minute} (the last sample of the minute wins). */
    void recordDepth(String queue, Instant minute, long pending, long running);

    /**
     * Up to {@code limit} ids of jobs of the final {@code status} that finished before {@code
     * before} and may be pruned ({@code PruneStatements} holds the rule), the first after {@code
     * after} in id order.
     */
    List<UUID> prunable(JobStatus status, Instant before, UUID after, int limit);

    /**
     * Locks those of {@code ids} that exist and that no other transaction holds, without waiting
     * for any, and answers them. Batch heartbeats lock so: a transaction that never waits on a
     * row lock cannot be one side of a deadlock, whatever order the others lock their rows in.
     * The lock is {@code FOR UPDATE}, the mode entity locks take, so that locking a row again
     * through the entities is no upgrade that could wait.
     */
    Set<UUID> lockUnlessBusy(List<UUID> ids);

    /** Locks and answers those of {@code ids} that may still be pruned, for {@link #delete}. */
    List<UUID> lockPrunable(List<UUID> ids, FinishedBefore cutoffs);

    /** Deletes the jobs with their results, targets, logs, failures and dependencies. */
    void delete(List<UUID> ids);
}
