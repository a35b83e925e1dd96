-- Up Migration

-- One row per activity read from a device file (FIT/GPX/TCX) of the inbox: its file, device and sensors.
create table raw.files_activities (
  activity_id              bigint primary key,
  file_name                text not null,
  file_sha256              text not null,
  format                   text not null,
  session_index            integer,
  session_count            integer,
  sport                    text,
  sub_sport                text,
  sport_type               text,
  start_date               timestamptz not null,
  elapsed_time_s           integer,
  moving_time_s            integer,
  distance_m               double precision,
  pool_length_m            double precision,
  length_count             integer,
  device_manufacturer      text,
  device_product           text,
  device_serial_number     bigint,
  sensor_count             integer,
  developer_field_count    integer,
  taken_at                 timestamptz,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- One row per file the inbox took (by sha256): when, and what became of it.
create table raw.files_inbox_ledger (
  sha256                   text primary key,
  name                     text not null,
  size_bytes               bigint,
  taken_at                 timestamptz not null,
  run_id                   text,
  outcome                  text not null,
  reason                   text,
  activity_count           integer,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- Down Migration

drop table raw.files_inbox_ledger;
drop table raw.files_activities;
