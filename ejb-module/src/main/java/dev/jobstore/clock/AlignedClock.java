package dev.jobstore.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The node's clock moved by its measured difference to the database's clock, in millisecond
 * ticks (what the database stores is exactly what callers were told). Every node of a cluster
 * then grants, extends, checks and sweeps leases by one clock, the database's: a node whose own
 * clock runs ahead cannot take live leases from the others.
 */
public final class AlignedClock extends Clock {

    private final Clock node;
    private volatile Duration offset = Duration.ZERO;

    public AlignedClock(Clock node) {
        this.node = node;
    }

    /**
     * Aligns to a reading of the database's clock taken between {@code sentAt} and {@code
     * receivedAt} on the node's clock, assumed halfway between the two. Answers the new offset.
     */
    public Duration align(Instant databaseTime, Instant sentAt, Instant receivedAt) {
        Instant midway = sentAt.plus(Duration.between(sentAt, receivedAt).dividedBy(2));
        offset = Duration.between(midway, databaseTime);
        return offset;
    }

    /** How far the database's clock is ahead of the node's (negative: behind). */
    public Duration offset() {
        return offset;
    }

    /** The node's own clock, for measuring a reading of the database's. */
    public Instant nodeInstant() {
        return node.instant();
    }

    @Override
    public Instant instant() {
        Instant now = node.instant().plus(offset);
        return Instant.ofEpochMilli(now.toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the store's clock is UTC");
    }
}
