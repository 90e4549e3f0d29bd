package dev.jobstore.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The repetitions of one measurement: reported as median with min and max. */
final class Figure {

    private final List<Double> values = new ArrayList<>();

    static Figure none() {
        return new Figure();
    }

    Figure add(double value) {
        values.add(value);
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String describe() {
        if (values.isEmpty()) {
            return "n/a";
        }
        List<Double> sorted = sorted();
        return values.size() == 1
                ? format(sorted.get(0))
                : format(median()) + " [" + format(sorted.get(0)) + "–" + format(sorted.get(sorted.size() - 1)) + "]";
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    static String format(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
