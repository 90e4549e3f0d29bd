/**
 * The store's one clock: this node's, moved by its measured difference to the database's
 * clock, so that every node decides leases by the same time.
 */
package dev.jobstore.clock;
