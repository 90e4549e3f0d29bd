/**
 * Several nodes on one database: wake-ups that cross nodes (PostgreSQL LISTEN/NOTIFY, sent in
 * the same transaction as the change, so delivered only if it commits).
 */
package dev.jobstore.cluster;
