package dev.jobstore.schema;

import dev.jobstore.storage.DatabaseVendor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.Arrays;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema to the current version when the application deploys, before any
 * other startup bean touches it: Flyway applies the migrations for the database in use
 * ({@code db/migration/h2} or {@code db/migration/postgresql}, and {@code db/migration/common}),
 * then Hibernate checks that the schema matches the entities, so a mismatch stops the
 * deployment instead of failing later.
 *
 * <p>Several nodes deploying at once are safe: Flyway serializes migrations with a lock in
 * the database.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits its own work
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @PersistenceUnit
    EntityManagerFactory entityManagerFactory;

    @Inject
    DatabaseVendor vendor;

    private Flyway flyway;

    @PostConstruct
    void migrateAndValidate() {
        // Flyway sits in the EAR's lib/; the migrations are in this module, which its own
        // class loader cannot see.
        flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                // SQL both databases speak lives once, in common/; versions are numbered across both.
                .locations("classpath:db/migration/" + vendor.name(), "classpath:db/migration/common")
                .failOnMissingLocations(true)
                // The batch runtime creates its own tables (job_execution, ...) in the same schema,
                // maybe before this runs: a schema with no history yet starts below V1, so every
                // migration still applies.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        MigrateResult result = flyway.migrate();
        LOG.info(() -> "Schema at version " + flyway.info().current().getVersion() + " (" + result.migrationsExecuted
                + " migrations applied now)");
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    /** The database's schema version now, against the migrations this application ships. */
    @Lock(LockType.READ)
    public SchemaStatus status() {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        return new SchemaStatus(
                current == null ? null : current.getVersion().toString(),
                Arrays.stream(info.pending())
                        .map(pending -> pending.getVersion().toString())
                        .toList());
    }
}
