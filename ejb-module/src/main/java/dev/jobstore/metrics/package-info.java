/**
 * Micrometer meters for the server's Prometheus registry: per queue, jobs created, fulfilled,
 * failed and compromised (counted from the store's after-commit events), claim, fulfill and
 * wait-to-start times, pending and running jobs; webhook outcomes; worker pools. The README
 * lists every name and label.
 */
package dev.jobstore.metrics;
