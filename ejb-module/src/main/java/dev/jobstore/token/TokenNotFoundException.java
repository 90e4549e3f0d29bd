package dev.jobstore.token;

import dev.jobstore.job.JobStoreException;
import java.util.UUID;

/** No token has this id (never issued, or revoked). */
public class TokenNotFoundException extends JobStoreException {

    public TokenNotFoundException(UUID id) {
        super("no token with id " + id);
    }
}
