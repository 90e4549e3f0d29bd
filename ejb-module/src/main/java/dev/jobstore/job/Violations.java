package dev.jobstore.job;

import java.util.ArrayList;
import java.util.List;

/** Collects everything wrong with a request so the caller learns it all in one answer. */
public final class Violations {

    private final List<String> problems = new ArrayList<>();

    /** Records {@code problem} unless {@code ok}. */
    public Violations require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    /** Throws an {@link InvalidRequestException} naming every recorded problem, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems));
        }
    }
}
