/**
 * CDI events the job store fires, always after the transaction that caused them commits, so an
 * observer never sees a change that was rolled back.
 */
package dev.jobstore.event;
