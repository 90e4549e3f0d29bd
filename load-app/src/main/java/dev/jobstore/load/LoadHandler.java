package dev.jobstore.load;

import dev.jobstore.store.JobLease;
import dev.jobstore.worker.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonValue;

/**
 * The in-process workers of the multi-node load check: four per node on queue {@code load}.
 * Each job takes a few milliseconds of "work", long enough for a killed node to die holding
 * leases, and is fulfilled with a value naming its holder, so the check can tell that every
 * stored result is the one its final holder wrote.
 */
@ApplicationScoped
public class LoadHandler {

    static final long WORK_MILLIS = 5;

    @JobHandler(queue = "load", concurrency = 4, lease = "PT4S", batchSize = 4)
    public JsonValue work(JobLease lease) throws InterruptedException {
        Thread.sleep(WORK_MILLIS);
        return Json.createObjectBuilder()
                .add("owner", lease.job().lease().owner())
                .add("token", lease.token())
                .build();
    }
}
