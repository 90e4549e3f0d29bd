package dev.jobstore.job;

import java.util.regex.Pattern;

/** The rule for queue names, shared by every entry point. */
public final class QueueName {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private QueueName() {}

    /** Returns {@code queue} if it is a valid name, else throws {@link InvalidRequestException}. */
    public static String require(String queue) {
        if (queue == null || !VALID.matcher(queue).matches()) {
            throw new InvalidRequestException(
                    "queue name '" + queue + "' is invalid: use 1 to 100 characters from A-Z a-z 0-9 . _ -");
        }
        return queue;
    }
}
