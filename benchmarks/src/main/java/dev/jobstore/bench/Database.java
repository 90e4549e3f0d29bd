package dev.jobstore.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The benchmark databases on the local PostgreSQL: one for jobstore, one for db-scheduler. */
final class Database {

    static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private Database() {}

    static void recreate(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(HOST + "postgres", USER, "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
    }

    /**
     * Jobs of {@code queue} not yet finished (PENDING or RUNNING), unlike GET /queues, which
     * counts every job of every queue. Not a probe to run during a measurement: with thousands
     * of dead index entries behind it a count costs PostgreSQL milliseconds (workloads read
     * progress from run counts, and this only to see that all is committed).
     */
    static long unfinished(Connection connection, String queue) throws SQLException {
        // Two counts that each stay on a partial index (of PENDING, of RUNNING jobs): neither
        // scans the finished jobs.
        try (PreparedStatement count = connection.prepareStatement("""
                select (select count(*) from job where queue = ? and status = 'PENDING')
                     + (select count(*) from job where queue = ? and status = 'RUNNING')""")) {
            count.setString(1, queue);
            count.setString(2, queue);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(HOST + name, USER, "");
    }

    /** db-scheduler's table for PostgreSQL, as its documentation gives it. */
    static void createDbSchedulerTable(String name) throws SQLException {
        try (Connection connection = connect(name);
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table scheduled_tasks (
                        task_name text not null,
                        task_instance text not null,
                        task_data bytea,
                        execution_time timestamp with time zone not null,
                        picked boolean not null,
                        picked_by text,
                        last_success timestamp with time zone,
                        last_failure timestamp with time zone,
                        consecutive_failures int,
                        last_heartbeat timestamp with time zone,
                        version bigint not null,
                        priority smallint,
                        primary key (task_name, task_instance))""");
            statement.execute("create index execution_time_idx on scheduled_tasks (execution_time)");
            statement.execute("create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)");
            statement.execute(
                    "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");
        }
    }

    /**
     * Adds {@code count} PENDING jobs to {@code queue} in one statement (far faster than any API,
     * and the backlog is only the setting of the claim workload), then refreshes the statistics
     * as autovacuum would after such a load.
     */
    static void addBacklog(String name, String queue, int count) throws SQLException {
        try (Connection connection = connect(name);
                PreparedStatement insert = connection.prepareStatement("""
                     insert into job (id, queue, status, payload, priority, attempts, max_attempts, releases,
                                      backoff_initial_ms, backoff_max_ms, backoff_multiplier,
                                      created_at, run_at, updated_at, version)
                     select gen_random_uuid(), ?, 'PENDING', g::text, 0, 0, 3, 0, 1000, 3600000, 2.0,
                            now() - interval '1 hour' + g * interval '1 microsecond', now() - interval '1 hour', now(), 0
                     from generate_series(1, ?) g""");
                Statement analyze = connection.createStatement()) {
            insert.setString(1, queue);
            insert.setInt(2, count);
            insert.executeUpdate();
            analyze.execute("analyze job");
        }
    }

    /**
     * Deletes every job of {@code queues}, the harness's own whose jobs nothing fulfilled (no
     * result or other row hangs on them), and vacuums: the table is then as the peers leave
     * theirs after the same workload, which they truncate. Without it our later workloads would
     * run beside the create workloads' hundred thousand unclaimed jobs, which the store's queue
     * depth samples count each time, where the peers' run beside none.
     */
    static void clearQueues(Connection connection, String... queues) {
        try (PreparedStatement delete = connection.prepareStatement("delete from job where queue = any(?)");
                Statement vacuum = connection.createStatement()) {
            delete.setArray(1, connection.createArrayOf("varchar", queues));
            delete.executeUpdate();
            vacuum.execute("vacuum analyze job");
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear queues " + String.join(", ", queues), e);
        }
    }
}
