package dev.jobstore.job;

import jakarta.persistence.PersistenceException;

/**
 * The database could not answer, so the store cannot tell what it holds: the request was not
 * applied and may be retried. Never a refusal of the request itself (those are {@link
 * JobStoreException}s), so it rolls the transaction back as any system exception does.
 */
public class DatabaseUnavailableException extends PersistenceException {

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
