package dev.jobstore.job;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * New job ids: version 7 UUIDs (RFC 9562), whose first 48 bits are the creation's Unix
 * milliseconds and the rest random. Ids made close in time sort together, so a new job's
 * primary-key entry lands at the right edge of the index, among pages the database has in
 * memory, and the jobs being claimed and fulfilled share pages too; random (version 4) ids
 * spread every insert and update over the whole index, each touching a page of its own. The 74
 * random bits keep ids unguessable.
 */
public final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {}

    /** A new id for a job created at {@code now}. */
    public static UUID next(Instant now) {
        long millis = now.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long version7 = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long variant = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(version7, variant);
    }
}
