package dev.jobstore.load;

import dev.jobstore.store.JobLease;
import dev.jobstore.worker.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The in-process workers of the multi-node load check: four per node on queue {@code load}.
 * Each job takes a few milliseconds of "work"; a job whose payload starts with {@code slow-}
 * takes half a second, so that a node killed or stopped right after a burst of them surely dies
 * holding leases (a batch of four still ends well inside the lease). Each is fulfilled with a
 * value naming its holder, so the check can tell that every stored result is the one its final
 * holder wrote.
 */
@ApplicationScoped
public class LoadHandler {

    static final long WORK_MILLIS = 5;
    static final long SLOW_WORK_MILLIS = 500;

    @JobHandler(queue = "load", concurrency = 4, lease = "PT4S", batchSize = 4)
    public JsonValue work(JobLease lease) throws InterruptedException {
        Thread.sleep(isSlow(lease.payload()) ? SLOW_WORK_MILLIS : WORK_MILLIS);
        return Json.createObjectBuilder()
                .add("owner", lease.job().lease().owner())
                .add("token", lease.token())
                .build();
    }

    private static boolean isSlow(JsonValue payload) {
        return payload instanceof JsonString text && text.getString().startsWith("slow-");
    }
}
