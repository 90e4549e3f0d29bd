/**
 * A batch job for the checks and tests of leased batch executions ({@code numbered-items}): it
 * writes items 0..n-1 to table {@code batch_item}, each chunk in one transaction with its
 * checkpoint and the lease check, so a count of rows per item shows whether any item was lost
 * or written twice. Packaged as a library jar of the EAR, where the job store's module sees it.
 */
package dev.jobstore.load.batch;
