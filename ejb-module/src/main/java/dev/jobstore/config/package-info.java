/** Settings read from MicroProfile Config (system properties work too). */
package dev.jobstore.config;
