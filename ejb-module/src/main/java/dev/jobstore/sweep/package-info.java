/**
 * Sweeps: the timer that returns expired leases to the pool. The database is the source of
 * truth, so a sweep is idempotent and safe to run on every node at once.
 */
package dev.jobstore.sweep;
