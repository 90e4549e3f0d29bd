/** Job logs: leveled lines anyone may append to a job, read back in order. */
package dev.jobstore.log;
