/**
 * In-process worker pools (meteor-job's {@code processJobs}): lease jobs of a queue, run a
 * handler for each on the managed executor with automatic heartbeats, fulfill with what it
 * returns or fail with what it throws, and drain gracefully when the application stops.
 */
package dev.jobstore.worker;
