-- Per queue and minute: jobs created, fulfilled and failed (each node adds what it saw, every
-- few seconds), and the queue's depth sampled in that minute. The dashboard's charts read it;
-- rows older than the retention are deleted.
create table queue_minute (
    queue varchar(100) not null,
    minute_start timestamp(6) with time zone not null,
    created bigint not null,
    fulfilled bigint not null,
    failed bigint not null,
    pending bigint,
    running bigint,
    primary key (queue, minute_start)
);
create index ix_queue_minute_start on queue_minute (minute_start);
