-- Each node's in-process worker pools as last reported (every few seconds), so that the
-- dashboard shows every node's pools; a node deletes its rows when it stops, and rows no node
-- refreshed for a while are deleted by the others.
create table worker_pool (
    name varchar(300) not null,
    node varchar(200) not null,
    queue varchar(100) not null,
    concurrency integer not null,
    running integer not null,
    paused boolean not null,
    reported_at timestamp(6) with time zone not null,
    primary key (name)
);
