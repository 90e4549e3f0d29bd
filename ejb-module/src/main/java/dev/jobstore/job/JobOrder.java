package dev.jobstore.job;

import java.util.Comparator;
import java.util.UUID;

/** The orders the store hands out and locks jobs in, as the databases sort them. */
public final class JobOrder {

    /**
     * Job ids as PostgreSQL and H2 sort uuids: by their bytes, unsigned. Groups lock their rows
     * in this order, so two groups never deadlock; claims break ties with it.
     */
    public static final Comparator<UUID> IDS = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /** Claims: higher priority first, then oldest first, then by id. */
    public static final Comparator<JobView> CLAIMS = Comparator.comparingInt(JobView::priority)
            .reversed()
            .thenComparing(JobView::createdAt)
            .thenComparing(JobView::id, IDS);

    /** {@link #CLAIMS} as a JPQL order on the job {@code alias}. */
    public static String claimsJpql(String alias) {
        return alias + ".priority desc, " + alias + ".createdAt, " + alias + ".id";
    }

    private JobOrder() {}
}
