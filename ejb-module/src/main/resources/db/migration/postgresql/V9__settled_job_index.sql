-- The queues' counts by status (GET /queues, the dashboard's overview) without a scan of the
-- table: jobs neither PENDING nor RUNNING, by queue and status, read by an index-only scan. The
-- claimable and running ones are counted through ix_job_pending and ix_job_lease_expiry. A job
-- enters this index once, when it settles (final, waiting on a dependency, or paused): one
-- entry per job, where an index of every row would cost one per write (see V3).
create index ix_job_settled on job (queue, status) where status not in ('PENDING', 'RUNNING');
