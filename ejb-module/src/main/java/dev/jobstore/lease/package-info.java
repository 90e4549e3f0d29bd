/**
 * Leases: granting them (claims with {@code FOR UPDATE SKIP LOCKED}), waiting for work (long
 * poll), and the in-process {@link dev.jobstore.lease.JobLease} handle that hears when its
 * lease is compromised.
 */
package dev.jobstore.lease;
