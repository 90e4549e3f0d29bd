/**
 * Wake-ups: long polls that wait without a thread ({@link dev.jobstore.wakeup.WorkWaiters}),
 * woken after a commit on this node and, through the storage, on the others.
 */
package dev.jobstore.wakeup;
