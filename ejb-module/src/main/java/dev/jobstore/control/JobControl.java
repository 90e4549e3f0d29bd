package dev.jobstore.control;

import dev.jobstore.dependency.Dependencies;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.NotificationCompromised;
import dev.jobstore.job.Created;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobLookup;
import dev.jobstore.job.JobView;
import dev.jobstore.job.Rows;
import dev.jobstore.log.JobLogs;
import dev.jobstore.notification.NotifierLease;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import dev.jobstore.store.JobStore;
import dev.jobstore.wakeup.Wakeups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Changes a job's course from outside (thoonk's stall, retry and retract, meteor-job's
 * controls). A change the state machine does not allow is refused with the current status.
 * Cancelling or force-removing a RUNNING job compromises its holder. Admins only; each change
 * records who made it in the job's log (a removal, whose log goes with the job, in the server's).
 */
@Stateless
@RolesAllowed(Roles.ADMIN)
public class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class.getName());

    static final String CANCELLED = "cancelled";
    static final String REMOVED = "removed";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Wakeups wakeups;

    @Inject
    Dependencies dependencies;

    @Inject
    JobStore store;

    @Inject
    JobLogs logs;

    @Inject
    CallerScope caller;

    /** Any non-final job → CANCELLED; its dependents are cancelled too. */
    public JobView cancel(UUID id) {
        Instant now = clock.instant();
        Job job = lock(id);
        String taken = job.cancel("cancelled by request", now);
        compromise(job, taken, CANCELLED);
        dependencies.finished(job, null, now);
        audit(id, "cancelled");
        return view(job, now);
    }

    /** WAITING or PENDING → PAUSED: not handed out until resumed. */
    public JobView pause(UUID id) {
        Instant now = clock.instant();
        Job job = lock(id);
        job.pause(now);
        audit(id, "paused");
        return view(job, now);
    }

    /** PAUSED → PENDING (or WAITING while dependencies are unfinished). */
    public JobView resume(UUID id) {
        Instant now = clock.instant();
        Job job = lock(id);
        job.resume(dependencies.allFulfilled(job.dependsOn()), now);
        audit(id, "resumed");
        wakeAfterCommit(job);
        return view(job, now);
    }

    /** FAILED or CANCELLED → PENDING with attempts reset. */
    public JobView restart(UUID id) {
        Instant now = clock.instant();
        Job job = lock(id);
        job.restart(now);
        audit(id, "restarted");
        wakeAfterCommit(job);
        return view(job, now);
    }

    /** A new job copying a finished one's payload and options; the original is unchanged. */
    public Created rerun(UUID id) {
        Job job = lock(id);
        Created rerun = store.create(job.queue(), job.rerunRequest(clock.instant()));
        audit(id, "rerun as " + rerun.job().id());
        return rerun;
    }

    /** Removes the job and all it owns; a RUNNING job only with {@code force}. */
    public void remove(UUID id, boolean force) {
        Instant now = clock.instant();
        Job job = lock(id);
        String taken = job.requireRemovable(force, now);
        compromise(job, taken, REMOVED);
        NotifierLease notifier = Rows.find(em, NotifierLease.class, id);
        if (notifier != null) {
            afterCommit.fire(new NotificationCompromised(id, notifier.lease().token(), REMOVED));
        }
        dependencies.finished(job, "dependency " + id + " was removed", now);
        for (String owned : new String[] {"JobResult", "NotificationTarget", "NotifierLease", "JobLog"}) {
            em.createQuery("delete from " + owned + " o where o.jobId = :id")
                    .setParameter("id", id)
                    .executeUpdate();
        }
        em.remove(job);
        String who = caller.callerName();
        LOG.info(() -> "Job " + id + " of queue " + job.queue() + " removed by " + who);
    }

    private void audit(UUID id, String action) {
        logs.audit(id, action + " by " + caller.callerName());
    }

    private void compromise(Job job, String takenToken, String reason) {
        if (takenToken != null) {
            afterCommit.fire(new JobCompromised(job.id(), job.queue(), takenToken, reason));
        }
    }

    private void wakeAfterCommit(Job job) {
        wakeups.afterCommit(job.queue());
    }

    private JobView view(Job job, Instant now) {
        em.flush(); // the view must show the version this change gets
        return JobView.of(job, now);
    }

    private Job lock(UUID id) {
        Job job = JobLookup.require(em, id, LockModeType.PESSIMISTIC_WRITE);
        caller.requireJob(id, job.queue());
        return job;
    }
}
