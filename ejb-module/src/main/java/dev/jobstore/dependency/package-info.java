/** Dependencies between jobs: dependents freed or cancelled when the jobs they wait for finish. */
package dev.jobstore.dependency;
