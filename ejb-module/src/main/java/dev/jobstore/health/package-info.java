/**
 * The store's health probes, served by MicroProfile Health at {@code /health/ready} and
 * {@code /health/live} on the server's management interface (through the checks of the EAR's
 * {@code lib/}, where WildFly looks for them). Ready: the database answers, its schema has every
 * migration this application ships and, where nodes share a database, this node hears the
 * others. Alive: the sweeps that take expired leases back keep ending.
 */
package dev.jobstore.health;
