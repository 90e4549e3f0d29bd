package dev.jobstore.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A cron expression, evaluated in UTC: five fields (minute hour day-of-month month
 * day-of-week) or six with leading seconds. Each field takes {@code *}, numbers, ranges
 * {@code a-b}, steps {@code *}{@code /n} or {@code a-b/n}, and lists of those. Day-of-week runs
 * 0-7 with both 0 and 7 Sunday; when day-of-month and day-of-week are both restricted, a day
 * matching either one matches (as in classic cron).
 */
final class CronSchedule {

    private static final int SEARCH_YEARS = 5;

    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String[] fields) {
        int offset = fields.length == 6 ? 1 : 0;
        seconds = offset == 1 ? field(fields[0], 0, 59, "second") : single(0);
        minutes = field(fields[offset], 0, 59, "minute");
        hours = field(fields[offset + 1], 0, 23, "hour");
        daysOfMonth = field(fields[offset + 2], 1, 31, "day of month");
        months = field(fields[offset + 3], 1, 12, "month");
        BitSet weekdays = field(fields[offset + 4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        daysOfWeek = weekdays;
        anyDayOfMonth = fields[offset + 2].equals("*");
        anyDayOfWeek = fields[offset + 4].equals("*");
    }

    static CronSchedule parse(String expression) {
        String[] fields = expression == null ? new String[0] : expression.trim().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException(
                    "'" + expression + "' needs 5 fields (minute hour day month weekday) or 6 with seconds first");
        }
        return new CronSchedule(fields);
    }

    /** The first matching instant strictly after {@code after}. */
    Instant next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        LocalDateTime limit = t.plusYears(SEARCH_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                return t.toInstant(ZoneOffset.UTC);
            }
        }
        throw new IllegalStateException("no time matches within " + SEARCH_YEARS + " years");
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet single(int value) {
        BitSet bits = new BitSet();
        bits.set(value);
        return bits;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet bits = new BitSet();
        for (String part : text.split(",")) {
            String[] stepped = part.split("/", -1);
            int step = stepped.length == 2 ? number(stepped[1], 1, max, name + " step") : 1;
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                String[] range = stepped[0].split("-", -1);
                from = number(range[0], min, max, name);
                to = number(range[1], from, max, name);
            } else {
                from = number(stepped[0], min, max, name);
                to = stepped.length == 2 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }

    private static int number(String text, int min, int max, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + text + "' must be a number from " + min + " to " + max);
    }
}
