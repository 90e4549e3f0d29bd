package dev.jobstore.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.job.InvalidRequestException;
import org.junit.jupiter.api.Test;

class QueuePatternTest {

    @Test
    void a_star_stands_for_any_run_of_characters_and_the_rest_is_literal() {
        assertTrue(new QueuePattern("emails").matches("emails"));
        assertFalse(new QueuePattern("emails").matches("emails-eu"));
        assertTrue(new QueuePattern("billing-*").matches("billing-eu"));
        assertTrue(new QueuePattern("billing-*").matches("billing-"));
        assertFalse(new QueuePattern("billing-*").matches("billing"));
        assertTrue(new QueuePattern("*").matches("anything.at_all"));
        assertTrue(new QueuePattern("a*b*c").matches("a-x-b-y-c"));
        assertFalse(new QueuePattern("a.b").matches("axb"), "a dot is a dot");
    }

    @Test
    void as_sql_like_the_wildcards_of_sql_are_escaped() {
        assertEquals("billing\\_eu-%", new QueuePattern("billing_eu-*").toLike());
    }

    @Test
    void a_pattern_uses_queue_name_characters_only() {
        assertThrows(InvalidRequestException.class, () -> new QueuePattern("emails,billing"));
        assertThrows(InvalidRequestException.class, () -> new QueuePattern(""));
        assertThrows(InvalidRequestException.class, () -> new QueuePattern("a%"));
    }
}
