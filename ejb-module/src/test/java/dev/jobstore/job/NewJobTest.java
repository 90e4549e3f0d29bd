package dev.jobstore.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewJobTest {

    @Test
    void a_plain_request_is_valid() {
        assertDoesNotThrow(() -> NewJob.of(null).check());
    }

    @Test
    void every_problem_is_named_at_once() {
        NewJob bad = NewJob.of(null)
                .withRunAt(Instant.now())
                .withDelay(Duration.ofSeconds(-1))
                .withMaxAttempts(0)
                .withKey(" ")
                .withBackoff(new Backoff(Duration.ZERO, 0.5, null));
        String detail = assertThrows(InvalidRequestException.class, bad::check).getMessage();
        for (String expected : new String[] {
            "runAt or delay",
            "delay must not be negative",
            "maxAttempts",
            "key must be",
            "backoff.initial",
            "backoff.multiplier"
        }) {
            assertTrue(detail.contains(expected), () -> detail + " lacks " + expected);
        }
    }

    @Test
    void backoff_max_below_initial_is_refused() {
        NewJob bad = NewJob.of(null).withBackoff(new Backoff(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(1)));
        assertThrows(InvalidRequestException.class, bad::check);
    }

    @Test
    void queue_names_follow_the_rule() {
        assertDoesNotThrow(() -> QueueName.require("emails.v2_high-prio"));
        assertThrows(InvalidRequestException.class, () -> QueueName.require("with space"));
        assertThrows(InvalidRequestException.class, () -> QueueName.require(""));
        assertThrows(InvalidRequestException.class, () -> QueueName.require("x".repeat(101)));
        assertThrows(InvalidRequestException.class, () -> QueueName.require(null));
    }

    @Test
    void status_names_parse_case_insensitively_and_unknown_ones_list_the_valid() {
        assertTrue(JobStatus.parse("running") == JobStatus.RUNNING);
        String detail = assertThrows(InvalidRequestException.class, () -> JobStatus.parse("done"))
                .getMessage();
        assertTrue(detail.contains("FULFILLED"), detail);
    }
}
