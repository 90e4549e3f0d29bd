-- How many failures and dependencies a job has, so that views of the (many) jobs with none
-- need not query job_failure and job_dependency.
alter table job add column failure_count integer default 0 not null;
alter table job add column dependency_count integer default 0 not null;
update job set failure_count = (select count(*) from job_failure f where f.job_id = job.id)
    where exists (select 1 from job_failure f where f.job_id = job.id);
update job set dependency_count = (select count(*) from job_dependency d where d.job_id = job.id)
    where exists (select 1 from job_dependency d where d.job_id = job.id);
