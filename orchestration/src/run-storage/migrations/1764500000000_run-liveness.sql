-- Up Migration
-- Which process drives a run, and when it last said it is alive: the next start marks the runs of
-- processes that are gone as failed instead of leaving them `running` forever.
alter table voyager.runs
  add column pid integer,
  add column host text,
  add column heartbeat_at timestamptz;
create index runs_running on voyager.runs (status) where status = 'running';

-- Down Migration
drop index voyager.runs_running;
alter table voyager.runs drop column pid, drop column host, drop column heartbeat_at;
