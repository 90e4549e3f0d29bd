package dev.jobstore.load;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Handler runs per queue since deployment: the harness's probe of progress, read as
 * db-scheduler's and JobRunr's harnesses read theirs (a counter in memory), so that the
 * measurement does not load the database it measures. It counts runs, not commits: the
 * harness waits for the last values' commit through the database once the count is reached.
 */
@ApplicationScoped
public class Executions {

    private final Map<String, LongAdder> byQueue = new ConcurrentHashMap<>();

    void ran(String queue) {
        byQueue.computeIfAbsent(queue, name -> new LongAdder()).increment();
    }

    long of(String queue) {
        LongAdder runs = byQueue.get(queue);
        return runs == null ? 0 : runs.sum();
    }
}
