/** Settings read from MicroProfile Config (system properties work too) and the shared clock. */
package dev.jobstore.config;
