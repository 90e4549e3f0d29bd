/**
 * Leases: granting them (through the storage's claim), giving back the ones no worker took,
 * and the registry of in-process handles that hear when their lease is compromised.
 */
package dev.jobstore.lease;
