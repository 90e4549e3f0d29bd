package dev.jobstore.it.support;

import dev.jobstore.worker.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A handler declared only by annotation: nothing in the tests starts it. */
@ApplicationScoped
public class AnnotatedHandler {

    public static final String QUEUE = "annotated-handler-it";

    @JobHandler(queue = QUEUE, concurrency = 2)
    public String greet(JsonValue payload) {
        return "hello " + ((JsonString) payload).getString();
    }
}
