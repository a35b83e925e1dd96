-- Up Migration
-- `voyager status` and the UI ask for the newest event per asset and partition (and per check).
-- Answered from `asset_events` that is a scan and sort of every event (Postgres has no skip
-- scan), linear in history: ~110 events a run, ~1 M after a year of hourly runs. This table keeps
-- the answer on write: per kind, asset, partition and check, a copy of the newest event (events
-- are never updated), so a read is one range scan of this table, not a lookup per row.
-- Kinds: `step` (the newest event that is not a check result), `materialization`, `check`.
-- A statement trigger maintains it for every writer (run storage, container steps, bulk inserts).
create table voyager.latest_asset_events (
  kind           text not null check (kind in ('step', 'materialization', 'check')),
  asset_key      text not null,
  partition_key  text not null,
  check_key      text not null default '',
  event_id       bigint not null,
  run_id         text not null,
  event_type     text not null,
  check_name     text,
  status         text not null,
  attempt        integer not null,
  metadata       jsonb not null,
  error          text,
  started_at     timestamptz,
  finished_at    timestamptz not null,
  duration_ms    integer,
  primary key (kind, asset_key, partition_key, check_key)
);

create function voyager.track_latest_asset_events() returns trigger
language plpgsql as $$
begin
  -- the newest of this statement's events per key; an older event (a slow writer's lower id)
  -- never replaces a newer one
  insert into voyager.latest_asset_events as l
  select distinct on (k.kind, n.asset_key, n.partition_key, k.check_key)
         k.kind, n.asset_key, n.partition_key, k.check_key, n.event_id, n.run_id, n.event_type,
         n.check_name, n.status, n.attempt, n.metadata, n.error, n.started_at, n.finished_at, n.duration_ms
    from inserted n
   cross join lateral (
         select 'check', coalesce(n.check_name, '') where n.event_type = 'check'
         union all select 'step', '' where n.event_type <> 'check'
         union all select 'materialization', '' where n.event_type = 'materialization'
       ) as k(kind, check_key)
   order by k.kind, n.asset_key, n.partition_key, k.check_key, n.event_id desc
  on conflict (kind, asset_key, partition_key, check_key) do update
     set event_id = excluded.event_id, run_id = excluded.run_id, event_type = excluded.event_type,
         check_name = excluded.check_name, status = excluded.status, attempt = excluded.attempt,
         metadata = excluded.metadata, error = excluded.error, started_at = excluded.started_at,
         finished_at = excluded.finished_at, duration_ms = excluded.duration_ms
   where excluded.event_id > l.event_id;
  return null;
end
$$;

create trigger asset_events_track_latest after insert on voyager.asset_events
  referencing new table as inserted
  for each statement execute function voyager.track_latest_asset_events();

-- the events recorded before this migration (the same select, over every event)
insert into voyager.latest_asset_events
  select distinct on (k.kind, n.asset_key, n.partition_key, k.check_key)
         k.kind, n.asset_key, n.partition_key, k.check_key, n.event_id, n.run_id, n.event_type,
         n.check_name, n.status, n.attempt, n.metadata, n.error, n.started_at, n.finished_at, n.duration_ms
    from voyager.asset_events n
   cross join lateral (
         select 'check', coalesce(n.check_name, '') where n.event_type = 'check'
         union all select 'step', '' where n.event_type <> 'check'
         union all select 'materialization', '' where n.event_type = 'materialization'
       ) as k(kind, check_key)
   order by k.kind, n.asset_key, n.partition_key, k.check_key, n.event_id desc;

-- The old index led with (asset_key, partition_key) and put event_type third, so it served none
-- of the latest-event queries; an asset's history (UI asset page) reads newest first per asset.
drop index voyager.asset_events_latest;
create index asset_events_history on voyager.asset_events (asset_key, event_id desc);
-- recent runs (status, UI runs page) without sorting every run
create index runs_recent on voyager.runs (started_at desc, run_id desc);

-- Down Migration
drop index voyager.runs_recent;
drop index voyager.asset_events_history;
create index asset_events_latest on voyager.asset_events (asset_key, partition_key, event_type, event_id desc);
drop trigger asset_events_track_latest on voyager.asset_events;
drop function voyager.track_latest_asset_events();
drop table voyager.latest_asset_events;
