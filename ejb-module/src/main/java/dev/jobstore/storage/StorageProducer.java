package dev.jobstore.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Picks the store's {@link JobStorage} by the database it runs on: the one place that asks. */
@ApplicationScoped
public class StorageProducer {

    @Inject
    DatabaseVendor vendor;

    @Inject
    PortableStorage portable;

    @Inject
    PostgresqlStorage postgresql;

    @Produces
    JobStorage storage() {
        return vendor.isPostgresql() ? postgresql : portable;
    }
}
