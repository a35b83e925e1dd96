-- Up Migration

-- One row per heart-rate sample (Google Health API, Fitbit Takeout, Fitabase), a bulk table:
-- COPY goes straight in; each landed series (source, device, UTC hour) replaces its earlier rows,
-- so (series_id, sampled_at) stays unique by construction. The loader sets voyager.source_object.
create table raw.heart_rate_samples (
  series_id       text not null,
  source          text not null,
  device          text not null,
  sampled_at      timestamptz not null,
  bpm             double precision not null,
  _source_object  text not null default current_setting('voyager.source_object'),
  _loaded_at      timestamptz not null default now()
);
create index heart_rate_samples_series on raw.heart_rate_samples (series_id);
-- an hour's samples (partition checks, the hourly mart's rebuild of touched hours)
create index heart_rate_samples_sampled_at on raw.heart_rate_samples (sampled_at);
-- the hourly mart's watermark: which samples were loaded since its last build
create index heart_rate_samples_loaded_at on raw.heart_rate_samples (_loaded_at);

-- Fitabase daily tables (one row per person and day; weight: per log entry)
create table raw.fitabase_daily_activity (
  person_id                      text not null,
  day                            timestamp not null,
  total_steps                    double precision,
  total_distance_km              double precision,
  tracker_distance_km            double precision,
  logged_activities_distance_km  double precision,
  very_active_distance_km        double precision,
  moderately_active_distance_km  double precision,
  light_active_distance_km       double precision,
  sedentary_active_distance_km   double precision,
  very_active_min                double precision,
  fairly_active_min              double precision,
  lightly_active_min             double precision,
  sedentary_min                  double precision,
  calories_kcal                  double precision,
  source_file                    text,
  record                         jsonb not null,
  _source_object                 text not null,
  _loaded_at                     timestamptz not null,
  primary key (person_id, day)
);

create table raw.fitabase_sleep_days (
  person_id       text not null,
  day             timestamp not null,
  sleep_records   double precision,
  minutes_asleep  double precision,
  minutes_in_bed  double precision,
  source_file     text,
  record          jsonb not null,
  _source_object  text not null,
  _loaded_at      timestamptz not null,
  primary key (person_id, day)
);

create table raw.fitabase_weight_logs (
  person_id         text not null,
  log_id            bigint not null,
  logged_at         timestamptz not null,
  day               timestamp not null,
  weight_kg         double precision,
  fat_pct           double precision,
  bmi               double precision,
  is_manual_report  boolean,
  source_file       text,
  record            jsonb not null,
  _source_object    text not null,
  _loaded_at        timestamptz not null,
  primary key (person_id, log_id)
);

-- Down Migration

drop table raw.fitabase_weight_logs;
drop table raw.fitabase_sleep_days;
drop table raw.fitabase_daily_activity;
drop table raw.heart_rate_samples;
