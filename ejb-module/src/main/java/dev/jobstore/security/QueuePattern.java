package dev.jobstore.security;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.LikePattern;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A queue name pattern that limits a caller: a queue name, where {@code *} stands for any run
 * of characters ({@code emails}, {@code billing-*}, {@code *}).
 */
public record QueuePattern(String text) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*-]{1,100}");

    public QueuePattern {
        if (text == null || !VALID.matcher(text).matches()) {
            throw new InvalidRequestException("queue pattern '" + text
                    + "' is invalid: use 1 to 100 characters from A-Z a-z 0-9 . _ - and * for any run of them");
        }
    }

    public boolean matches(String queue) {
        return toRegex().matcher(queue).matches();
    }

    /** The same pattern for SQL {@code LIKE ... ESCAPE '\'}. */
    public String toLike() {
        return LikePattern.literal(text).replace('*', '%');
    }

    private Pattern toRegex() {
        return Pattern.compile(String.join(
                ".*", Arrays.stream(text.split("\\*", -1)).map(Pattern::quote).toList()));
    }
}
