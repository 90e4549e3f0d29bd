-- The notification sweep finds leased notifications by expiry (it used to scan the table).
create index ix_job_notify_lease_expiry on job (notify_lease_expires_at);
