/**
 * Storage: {@link dev.jobstore.storage.JobStorage}, every operation whose SQL differs by
 * database, with a portable JPA implementation and a PostgreSQL one (one class per statement),
 * and the producer that picks one by database.
 */
package dev.jobstore.storage;
