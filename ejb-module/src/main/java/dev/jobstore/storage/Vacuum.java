package dev.jobstore.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Vacuums the store's busiest tables on a PostgreSQL whose autovacuum is off. Every job is
 * written three times, and each write leaves a dead row version and dead index entries behind;
 * unvacuumed, they pile up at the head of the claim index and every claim walks them (a
 * burn-down of 20,000 jobs ran at less than half speed after a few rounds). A table is due
 * with more than the given number of dead rows that are also a tenth of its live ones. One
 * node at a time does it (an advisory lock). Where autovacuum runs, this does nothing.
 */
final class Vacuum {

    private static final Logger LOG = Logger.getLogger(Vacuum.class.getName());
    /** Advisory lock key: "jobstore vacuum". */
    private static final long LOCK_KEY = 0x6a6f6273_76616375L;

    private static final String DUE = """
            select relname from pg_stat_user_tables
            where relname in ('job', 'job_result', 'job_target', 'job_notification_lease') and current_setting('autovacuum') = 'off'
                and n_dead_tup > ? and n_dead_tup > n_live_tup / 10""";

    private Vacuum() {}

    static void vacuumDue(DataSource dataSource, long minDeadRows) throws SQLException {
        // Outside any transaction: VACUUM cannot run in one, and the connection is in autocommit.
        try (Connection connection = dataSource.getConnection()) {
            if (!tryLock(connection)) {
                return; // another node is vacuuming
            }
            try {
                for (String table : dueTables(connection, minDeadRows)) {
                    long start = System.nanoTime();
                    try (Statement vacuum = connection.createStatement()) {
                        vacuum.execute("vacuum (analyze) " + table);
                    }
                    LOG.fine(() -> "Vacuumed " + table + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            } finally {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement();
                ResultSet locked = lock.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            return locked.next() && locked.getBoolean(1);
        }
    }

    private static List<String> dueTables(Connection connection, long minDeadRows) throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(DUE)) {
            query.setLong(1, minDeadRows);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getString(1));
                }
            }
        }
        return due;
    }
}
