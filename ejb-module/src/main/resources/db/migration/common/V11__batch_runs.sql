-- The batch execution a leased job last started (LeasedBatches), so that the job's next holder
-- restarts that execution from its checkpoint instead of starting over.
create table batch_run (
    job_id uuid not null,
    execution_id bigint not null,
    recorded_at timestamp(6) with time zone not null,
    primary key (job_id)
);
