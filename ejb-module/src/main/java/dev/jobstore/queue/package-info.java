/** Queues as a whole: pause and resume, and counts by status for operators. */
package dev.jobstore.queue;
