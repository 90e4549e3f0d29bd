package dev.jobstore.store;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobView;
import dev.jobstore.lease.LeaseHandles;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Opens in-process handles on granted leases. A plain bean rather than a method of {@link
 * JobStore}: worker pools open one per job they lease, and an EJB call each cost more than the
 * handle.
 */
@ApplicationScoped
public class JobLeases {

    /** The store's EJB reference: each call on a handle is a transaction of its own. */
    @EJB
    JobStore store;

    @EJB
    SystemIdentity system;

    @Inject
    LeaseHandles handles;

    /**
     * The handle on a lease granted by {@link JobStore#pullWorkAsync}: it hears when the lease is
     * compromised, and its calls carry the token.
     */
    public JobLease open(JobView granted) {
        return open(granted, null);
    }

    /** Like {@link #open}, for the store's own worker pools: the handle's calls run as {@link SystemIdentity}. */
    public JobLease openAsSystem(JobView granted) {
        return open(granted, system);
    }

    private JobLease open(JobView granted, SystemIdentity identity) {
        if (granted == null || granted.lease() == null || granted.lease().token() == null) {
            throw new InvalidRequestException("a job as a pull granted it, with its lease token, is required");
        }
        return new JobLease(store, identity, handles.register(granted.lease().token()), granted);
    }
}
