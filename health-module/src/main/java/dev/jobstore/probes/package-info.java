/**
 * The store's MicroProfile Health checks as the server sees them. Each hands its call to a probe
 * of the same name in the EJB module ({@code dev.jobstore.health}), which holds the logic; this
 * jar only places the checks where WildFly looks for them in an EAR.
 */
package dev.jobstore.probes;
