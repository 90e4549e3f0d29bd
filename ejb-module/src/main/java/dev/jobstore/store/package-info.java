/**
 * The store: {@link dev.jobstore.store.JobStore}, the EJB that is the Java API for producers
 * and workers (inject it with {@code @Inject JobStore store}), and the in-process {@link
 * dev.jobstore.store.JobLease} handle on a leased job. It sits above the domain and the storage.
 */
package dev.jobstore.store;
