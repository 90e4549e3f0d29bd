-- A job's failures and dependencies are read (and, when it is pruned, deleted) by its id, which
-- neither table's primary key leads with: without these, each of those reads scans the table.
create index ix_failure_job on job_failure (job_id);

create index ix_dependency_job on job_dependency (job_id);
