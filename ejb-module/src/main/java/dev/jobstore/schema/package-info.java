/** The versioned schema: Flyway migrations run at deploy, then Hibernate validates the mapping. */
package dev.jobstore.schema;
