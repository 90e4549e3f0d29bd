-- Every update of a job row changes its status, so none is a HOT update: each one adds an
-- entry to every index of the table whose predicate the new row meets. A job is written three
-- times (create, claim, finish), so each index costs three entries per job. Here the indexes
-- hold only the rows they serve:
-- - claims read ix_job_pending (V1), so ix_job_claim only duplicated it;
-- - the sweep reads RUNNING jobs by lease expiry, and the notification sweep leased
--   notifications by expiry (which it used to find by a scan of the table);
-- - keys and repeat runs stay unique where they are set.
drop index ix_job_claim;

drop index ix_job_lease_expiry;
create index ix_job_lease_expiry on job (lease_expires_at) where status = 'RUNNING';

create index ix_job_notify_lease_expiry on job (notify_lease_expires_at) where notify_lease_expires_at is not null;

alter table job drop constraint uk_job_queue_key;
create unique index uk_job_queue_key on job (queue, job_key) where job_key is not null;

alter table job drop constraint uk_job_repeat_run;
create unique index uk_job_repeat_run on job (repeat_of, repeat_run) where repeat_of is not null;
