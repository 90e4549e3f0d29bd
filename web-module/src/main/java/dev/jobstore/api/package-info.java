/** The HTTP API under {@code /jobstore/api}: JAX-RS resources over the {@code JobStore} EJB. */
package dev.jobstore.api;
