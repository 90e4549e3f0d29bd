-- The prune reads finished jobs of one status in id order, a page at a time
-- (prune-finished-jobs). Without this, each page sorted every job of the status: a run over
-- 1,000,000 jobs read the whole status a thousand times. One entry per job, made when it finishes.
create index ix_job_finished on job (status, id) where status in ('FULFILLED', 'FAILED', 'CANCELLED');
