-- The fencing number of a job's latest lease: one more with every grant, kept when the lease ends,
-- so that a downstream system can refuse a write from an older holder. 0: never leased.
alter table job add column lease_fence bigint default 0 not null;
