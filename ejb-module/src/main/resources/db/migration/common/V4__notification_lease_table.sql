-- A notifier's lease on a fulfilled job's pending targets moves out of the job row into a table
-- of its own, owned by the notifications (NotifierLease); leases held now move with it.
create table job_notification_lease (job_id uuid not null, lease_owner varchar(200), lease_token varchar(64), lease_expires_at timestamp(6) with time zone, primary key (job_id));

create index ix_notification_lease_expiry on job_notification_lease (lease_expires_at);

insert into job_notification_lease (job_id, lease_owner, lease_token, lease_expires_at)
    select id, notify_lease_owner, notify_lease_token, notify_lease_expires_at from job where notify_lease_token is not null;

drop index ix_job_notify_lease_expiry;

alter table job drop column notify_lease_owner;

alter table job drop column notify_lease_token;

alter table job drop column notify_lease_expires_at;
