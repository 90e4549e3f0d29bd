package dev.jobstore.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark table: each workload on the three systems, ratios, targets and CPU per job. */
final class Report {

    /**
     * One workload. {@code met}: whether its target was met, null when it has none (or a figure
     * it needs is missing).
     */
    record Row(
            String workload,
            String unit,
            Measured ours,
            Measured dbScheduler,
            Measured jobRunr,
            boolean higherIsBetter,
            String target,
            Boolean met) {

        /** A workload only ours runs, with no target. */
        static Row oursOnly(String workload, String unit, Measured ours, boolean higherIsBetter) {
            return new Row(workload, unit, ours, Measured.none(), Measured.none(), higherIsBetter, "", null);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void note(String line) {
        notes.add(line);
    }

    /** Ours relative to {@code theirs}: above 1 ours is better (rates: ours ÷ theirs; latencies: theirs ÷ ours). */
    static double ratio(Row row, Measured theirs) {
        double ours = row.ours().value.median();
        double other = theirs.value.median();
        return row.higherIsBetter() ? ours / other : other / ours;
    }

    String render(int repetitions) {
        StringBuilder out = new StringBuilder();
        out.append("Median of ")
                .append(repetitions)
                .append(" repetitions [min–max]; ratios: above 1 ours is better (ours ÷ theirs for rates,")
                .append(" theirs ÷ ours for latencies).\n\n");
        out.append("| workload | unit | jobstore | db-scheduler 16.12.0 | JobRunr 8.7.0 | ÷ db-scheduler | ÷ JobRunr")
                .append(" | target | met |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            if (row.ours().value.isEmpty()) {
                continue; // a workload not selected
            }
            out.append("| ").append(row.workload()).append(" | ").append(row.unit());
            out.append(" | ").append(row.ours().value.describe());
            out.append(" | ").append(row.dbScheduler().value.describe());
            out.append(" | ").append(row.jobRunr().value.describe());
            out.append(" | ").append(ratioText(row, row.dbScheduler()));
            out.append(" | ").append(ratioText(row, row.jobRunr()));
            out.append(" | ").append(row.target());
            out.append(" | ").append(row.met() == null ? "" : row.met() ? "met" : "**missed**");
            out.append(" |\n");
        }
        out.append("\nCPU seconds per 1,000 jobs (medians): server · PostgreSQL · harness JVM (the peers run in")
                .append(" the harness; our remote workloads' Java client too).\n\n")
                .append("| workload | jobstore | db-scheduler | JobRunr |\n|---|---|---|---|\n");
        for (Row row : rows) {
            String ours = row.ours().describeCpu(true);
            if (!ours.isEmpty()) {
                out.append("| ").append(row.workload()).append(" | ").append(ours);
                out.append(" | ").append(row.dbScheduler().describeCpu(false));
                out.append(" | ").append(row.jobRunr().describeCpu(false)).append(" |\n");
            }
        }
        notes.forEach(line -> out.append('\n').append(line).append('\n'));
        return out.toString();
    }

    private static String ratioText(Row row, Measured theirs) {
        return theirs.value.isEmpty() ? "" : String.format("%.2f×", ratio(row, theirs));
    }
}
