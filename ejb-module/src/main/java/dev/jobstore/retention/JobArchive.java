package dev.jobstore.retention;

import dev.jobstore.job.Job;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobView;
import dev.jobstore.job.Jsonp;
import dev.jobstore.job.StoredResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Archives jobs before they are pruned: one gzip JSON Lines file per run of the prune ({@code
 * pruned-jobs-<instance>.jsonl.gz} in the archive directory), a line per job: {@code {"job":
 * <the job as the API shows it>, "result": {"contentType", "value" (JSON) or "base64"}}}. Each
 * chunk appends a gzip member of its own and syncs it to disk before the chunk's deletes commit,
 * so a job is never deleted unarchived; a chunk that rolls back after its member was written is
 * archived again when retried (a reader may see a job twice, never miss one). {@code zcat}, {@code
 * gzip -d} and Java's {@code GZIPInputStream} read all the members as one stream.
 */
@ApplicationScoped
public class JobArchive {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** The file a run's archive goes to. */
    static Path file(String directory, long instance) {
        return Path.of(directory, "pruned-jobs-" + instance + ".jsonl.gz");
    }

    void write(String directory, long instance, List<UUID> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Job> jobs = em.createQuery("select j from Job j where j.id in :ids order by j.id", Job.class)
                .setParameter("ids", ids)
                .getResultList();
        Map<UUID, StoredResult> results = em.createQuery(
                        "select r from JobResult r where r.jobId in :ids", JobResult.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(JobResult::jobId, JobResult::toStoredResult));
        Path file = file(directory, instance);
        Files.createDirectories(file.getParent());
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            GZIPOutputStream gzip = new GZIPOutputStream(out);
            Writer lines = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
            for (Job job : jobs) {
                lines.write(line(JobView.of(job, now), results.get(job.id())).toString());
                lines.write('\n');
            }
            lines.flush();
            gzip.finish();
            out.getFD().sync();
        }
    }

    private static JsonValue line(JobView view, StoredResult result) {
        JsonObjectBuilder line = Jsonp.PROVIDER.createObjectBuilder().add("job", json(JSONB.toJson(view)));
        if (result != null) {
            JsonObjectBuilder stored = Jsonp.PROVIDER.createObjectBuilder().add("contentType", result.contentType());
            if (result.contentType().startsWith("application/json")) {
                stored.add(
                        "value",
                        Jsonp.PROVIDER
                                .createReader(new ByteArrayInputStream(result.content()))
                                .readValue());
            } else {
                stored.add("base64", Base64.getEncoder().encodeToString(result.content()));
            }
            line.add("result", stored);
        }
        return line.build();
    }

    private static JsonValue json(String text) {
        return Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
    }
}
