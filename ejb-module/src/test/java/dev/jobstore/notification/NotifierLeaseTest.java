package dev.jobstore.notification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobstore.job.Lease;
import dev.jobstore.job.LeaseLostException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotifierLeaseTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void a_notification_lease_is_held_by_its_token_until_it_expires() {
        Lease lease = Lease.grant("notifier", T0.plusSeconds(30));
        NotifierLease held = new NotifierLease(UUID.randomUUID(), lease);

        assertDoesNotThrow(() -> held.requireHeldBy(lease.token(), T0.plusSeconds(29)));
        assertThrows(LeaseLostException.class, () -> held.requireHeldBy("wrong", T0));
        assertThrows(LeaseLostException.class, () -> held.requireHeldBy(lease.token(), T0.plusSeconds(30)));
    }
}
