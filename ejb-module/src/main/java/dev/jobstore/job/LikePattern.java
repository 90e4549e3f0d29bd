package dev.jobstore.job;

/** Text for SQL {@code LIKE ... ESCAPE '\'}, where the text's own wildcards match only themselves. */
public final class LikePattern {

    private LikePattern() {}

    /** {@code text} with {@code \}, {@code %} and {@code _} escaped. */
    public static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Matches any text that contains {@code text}. */
    public static String containing(String text) {
        return "%" + literal(text) + "%";
    }
}
