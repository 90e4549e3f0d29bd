package dev.jobstore.job;

import jakarta.ejb.ApplicationException;

/**
 * A request the job store refused. These reach the caller unwrapped (never as an
 * {@code EJBException}) and roll the transaction back, so a refused request changes nothing.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class JobStoreException extends RuntimeException {

    protected JobStoreException(String message) {
        super(message);
    }
}
