package dev.jobstore.load.batch;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes each item as a row of {@code batch_item} (run, item, execution, node) on the job
 * store's datasource, so in the chunk's transaction: a chunk that rolls back leaves no row, and
 * an item written twice breaks the primary key. {@code chunkPause} (milliseconds) slows each
 * chunk down; {@code holdAt} holds the chunk that writes that item at {@link ItemGate} until a
 * test opens it.
 */
@Named("recordedItems")
@Dependent
public class RecordedItems extends AbstractItemWriter {

    /** The table, for tests and checks to create (portable SQL). */
    public static final String TABLE = "create table if not exists batch_item (run varchar(64) not null,"
            + " item integer not null, execution_id bigint not null, node varchar(200), primary key (run, item))";

    private static final Logger LOG = Logger.getLogger(RecordedItems.class.getName());

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String run;

    @Inject
    @BatchProperty
    String chunkPause;

    @Inject
    @BatchProperty
    String holdAt;

    @Override
    public void writeItems(List<Object> items) throws SQLException, InterruptedException {
        // A node killed now has this chunk in flight: the checks count the items done again.
        LOG.info(() -> "run " + run + ": execution " + job.getExecutionId() + " writing items " + items.get(0) + ".."
                + items.get(items.size() - 1));
        if (chunkPause != null && !chunkPause.isBlank()) {
            Thread.sleep(Long.parseLong(chunkPause));
        }
        if (holdAt != null && !holdAt.isBlank() && items.contains(Integer.parseInt(holdAt))) {
            ItemGate.hold(run);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into batch_item (run, item, execution_id, node) values (?, ?, ?, ?)")) {
            for (Object item : items) {
                insert.setString(1, run);
                insert.setInt(2, (Integer) item);
                insert.setLong(3, job.getExecutionId());
                insert.setString(4, System.getProperty("jboss.node.name"));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
