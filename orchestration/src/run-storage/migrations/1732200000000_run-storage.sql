-- Up Migration
create schema if not exists voyager;

create table voyager.runs (
  run_id       text primary key,
  status       text not null check (status in ('running', 'success', 'failed', 'canceled')),
  selection    text not null,
  partitions   text[] not null default '{}',
  isolation    text not null default 'in-process',
  launched_by  text not null default 'cli',
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  error        text
);

create table voyager.asset_events (
  event_id       bigserial primary key,
  run_id         text not null references voyager.runs (run_id) on delete cascade,
  asset_key      text not null,
  partition_key  text not null default '',
  event_type     text not null check (event_type in ('materialization', 'check', 'failure', 'skipped', 'canceled')),
  check_name     text,
  status         text not null check (status in ('success', 'failed', 'warn', 'skipped', 'canceled')),
  attempt        integer not null default 1,
  metadata       jsonb not null default '{}',
  error          text,
  started_at     timestamptz,
  finished_at    timestamptz not null default now(),
  duration_ms    integer
);
create index asset_events_latest on voyager.asset_events (asset_key, partition_key, event_type, event_id desc);
create index asset_events_run on voyager.asset_events (run_id);

create table voyager.asset_state (
  asset_key   text primary key,
  state       jsonb not null,
  updated_at  timestamptz not null default now(),
  run_id      text
);

-- Down Migration
drop schema voyager cascade;
