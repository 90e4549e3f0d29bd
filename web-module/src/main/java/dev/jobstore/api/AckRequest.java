package dev.jobstore.api;

import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.store.FailedAttempt;
import dev.jobstore.store.HeldLease;
import jakarta.json.JsonValue;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A batch acknowledgement: the leased jobs to fulfill, to fail and to release, each with the
 * token of its lease.
 */
public record AckRequest(List<Fulfill> fulfill, List<Fail> fail, List<Held> release) {

    /**
     * One job to fulfill: with a JSON {@code value} (stored as {@code application/json} unless
     * {@code contentType} says otherwise), or with {@code base64} bytes of any {@code
     * contentType} (default {@code application/octet-stream}).
     */
    public record Fulfill(UUID id, String token, JsonValue value, String base64, String contentType) {

        Fulfillment toFulfillment() {
            if (base64 == null) {
                Fulfillment json = Fulfillment.json(id, token, value);
                return contentType == null ? json : new Fulfillment(id, token, json.value(), contentType);
            }
            if (value != null) {
                throw new InvalidRequestException("job " + id + ": give either value or base64, not both");
            }
            try {
                return new Fulfillment(id, token, Base64.getDecoder().decode(base64), contentType);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("job " + id + ": base64 is not Base64 (RFC 4648): " + e.getMessage());
            }
        }
    }

    /** One failed attempt; {@code retry} defaults to true, as for a single failure report. */
    public record Fail(UUID id, String token, String error, Boolean retry) {

        FailedAttempt toFailedAttempt() {
            return new FailedAttempt(id, token, error, retry == null || retry);
        }
    }

    /** One lease, named by its job and token. */
    public record Held(UUID id, String token) {

        HeldLease toHeldLease() {
            return new HeldLease(id, token);
        }
    }

    static <T, R> List<R> each(List<T> items, Function<T, R> convert) {
        return items == null ? null : items.stream().map(convert).toList();
    }
}
