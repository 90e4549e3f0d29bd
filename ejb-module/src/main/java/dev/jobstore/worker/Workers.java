package dev.jobstore.worker;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Reads who works on what: the nodes' pools, running jobs by owner, leases that run out first. */
@Stateless
public class Workers {

    /** How many of the leases that run out first are shown. */
    static final int EXPIRING = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    JobStoreSettings settings;

    @Inject
    CallerScope scope;

    @Inject
    Clock clock;

    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public WorkersView overview() {
        Instant now = clock.instant();
        List<PoolReport> pools = em.createQuery(
                        "select p from PoolReport p where p.reportedAt >= :fresh order by p.node, p.queue, p.name",
                        PoolReport.class)
                .setParameter("fresh", now.minus(PoolReport.staleAfter(settings.historyFlushInterval())))
                .getResultStream()
                .filter(pool -> scope.allows(pool.getQueue()))
                .toList();
        List<LeaseHolder> holders = em.createQuery(
                        "select new dev.jobstore.worker.LeaseHolder(j.lease.owner, j.queue, count(j),"
                                + " min(j.lease.expiresAt)) from Job j where j.status = :running"
                                + " group by j.lease.owner, j.queue order by j.lease.owner, j.queue",
                        LeaseHolder.class)
                .setParameter("running", JobStatus.RUNNING)
                .getResultStream()
                .filter(holder -> scope.allows(holder.queue()))
                .toList();
        List<JobView> expiring = em.createQuery(
                        "select j from Job j where j.status = :running order by j.lease.expiresAt", Job.class)
                .setParameter("running", JobStatus.RUNNING)
                .setMaxResults(EXPIRING * 5)
                .getResultStream()
                .filter(job -> scope.allows(job.queue()))
                .limit(EXPIRING)
                .map(job -> JobView.of(job, now))
                .toList();
        return new WorkersView(pools, holders, expiring);
    }
}
