package dev.jobstore.storage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database the store runs on, read once from the JDBC metadata. */
@ApplicationScoped
public class DatabaseVendor {

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    private volatile String name;

    /** {@code h2} or {@code postgresql}; any other database is refused. */
    public String name() {
        if (name == null) {
            name = detect();
        }
        return name;
    }

    public boolean isPostgresql() {
        return "postgresql".equals(name());
    }

    private String detect() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("database " + product + " is not supported; use H2 or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }
}
