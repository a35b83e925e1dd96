-- Up Migration
create schema if not exists raw;

-- One row per (target table, landing object) loaded: the sha256 tells a changed object from a loaded one.
create table voyager.load_ledger (
  target_table   text not null,
  object_key     text not null,
  sha256         text not null,
  rows_loaded    bigint not null,
  rows_rejected  bigint not null,
  run_id         text not null,
  loaded_at      timestamptz not null default now(),
  primary key (target_table, object_key)
);

-- One row per landing line (or exploded element) that failed validation.
create table raw.rejected_rows (
  target_table    text not null,
  source_object   text not null,
  line            bigint not null,
  reason          text not null,
  payload         text,
  _loaded_at      timestamptz not null default now()
);
create index rejected_rows_source on raw.rejected_rows (target_table, source_object);

-- One row per activity (SummaryActivity, GET /athlete/activities).
create table raw.strava_activities (
  activity_id              bigint primary key,
  athlete_id               bigint,
  name                     text,
  sport_type               text,
  type                     text,
  workout_type             integer,
  start_date               timestamptz,
  start_date_local         timestamp,
  timezone                 text,
  utc_offset_s             double precision,
  distance_m               double precision,
  moving_time_s            integer,
  elapsed_time_s           integer,
  total_elevation_gain_m   double precision,
  elev_high_m              double precision,
  elev_low_m               double precision,
  average_speed_m_per_s    double precision,
  max_speed_m_per_s        double precision,
  average_cadence_rpm      double precision,
  average_watts            double precision,
  kilojoules               double precision,
  average_temp_c           double precision,
  has_heartrate            boolean,
  average_heartrate_bpm    double precision,
  max_heartrate_bpm        double precision,
  suffer_score             double precision,
  gear_id                  text,
  external_id              text,
  upload_id                bigint,
  trainer                  boolean,
  commute                  boolean,
  manual                   boolean,
  private                  boolean,
  visibility               text,
  kudos_count              integer,
  achievement_count        integer,
  pr_count                 integer,
  summary_polyline         text,
  source                   text,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- Down Migration
drop table raw.strava_activities;
drop table raw.rejected_rows;
drop table voyager.load_ledger;
