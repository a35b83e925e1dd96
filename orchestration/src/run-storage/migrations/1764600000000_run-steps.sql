-- Up Migration
-- The UI's run page shows a run's steps: per asset and partition, the first start, the last end,
-- the attempts and the type of the newest event. Grouped from `asset_events` that is a sort of
-- every event of the run (a run of 100,000 events: ~180 ms, issue 14's target is 300 ms for the
-- whole answer). This table keeps the answer on write, as `latest_asset_events` does: a statement
-- trigger merges each statement's events into it (min, max and the newest event win, so the order
-- in which writers commit does not matter). Check results are not steps.
create table voyager.run_steps (
  run_id           text not null references voyager.runs (run_id) on delete cascade,
  asset_key        text not null,
  partition_key    text not null,
  -- an event without a start began `duration_ms` before it finished
  started_at       timestamptz not null,
  finished_at      timestamptz not null,
  attempts         integer not null,
  last_event_id    bigint not null,
  last_event_type  text not null,
  primary key (run_id, asset_key, partition_key)
);

create function voyager.track_run_steps() returns trigger
language plpgsql as $$
begin
  insert into voyager.run_steps as s
  select run_id, asset_key, partition_key,
         min(coalesce(started_at, finished_at - coalesce(duration_ms, 0) * interval '1 millisecond')),
         max(finished_at), max(attempt), max(event_id),
         (array_agg(event_type order by event_id desc))[1]
    from inserted
   where event_type <> 'check'
   group by run_id, asset_key, partition_key
  on conflict (run_id, asset_key, partition_key) do update
     set started_at = least(s.started_at, excluded.started_at),
         finished_at = greatest(s.finished_at, excluded.finished_at),
         attempts = greatest(s.attempts, excluded.attempts),
         last_event_id = greatest(s.last_event_id, excluded.last_event_id),
         last_event_type = case when excluded.last_event_id > s.last_event_id
                                then excluded.last_event_type else s.last_event_type end;
  return null;
end
$$;

create trigger asset_events_track_run_steps after insert on voyager.asset_events
  referencing new table as inserted
  for each statement execute function voyager.track_run_steps();

-- the steps of the runs recorded before this migration
insert into voyager.run_steps
  select run_id, asset_key, partition_key,
         min(coalesce(started_at, finished_at - coalesce(duration_ms, 0) * interval '1 millisecond')),
         max(finished_at), max(attempt), max(event_id),
         (array_agg(event_type order by event_id desc))[1]
    from voyager.asset_events
   where event_type <> 'check'
   group by run_id, asset_key, partition_key;

-- A run's newest events (the run page shows the newest 2,000) and its event count: read in
-- event order from one index instead of a sort of every event of the run. It serves every
-- lookup by run the old `(run_id)` index served.
create index asset_events_run_order on voyager.asset_events (run_id, event_id);
drop index voyager.asset_events_run;

-- Down Migration
create index asset_events_run on voyager.asset_events (run_id);
drop index voyager.asset_events_run_order;
drop trigger asset_events_track_run_steps on voyager.asset_events;
drop function voyager.track_run_steps();
drop table voyager.run_steps;
