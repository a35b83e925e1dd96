-- Up Migration

-- One row per activity (DetailedActivity, GET /activities/{id}).
create table raw.strava_activity_details (
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
  description              text,
  calories_kcal            double precision,
  device_name              text,
  gear_name                text,
  perceived_exertion       double precision,
  lap_count                integer,
  best_effort_count        integer,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- One row per lap of an activity.
create table raw.strava_laps (
  lap_id                   bigint primary key,
  activity_id              bigint not null,
  athlete_id               bigint,
  lap_index                integer,
  split                    integer,
  name                     text,
  start_date               timestamptz,
  start_date_local         timestamp,
  elapsed_time_s           integer,
  moving_time_s            integer,
  distance_m               double precision,
  total_elevation_gain_m   double precision,
  average_speed_m_per_s    double precision,
  max_speed_m_per_s        double precision,
  average_cadence_rpm      double precision,
  average_watts            double precision,
  average_heartrate_bpm    double precision,
  max_heartrate_bpm        double precision,
  start_index              integer,
  end_index                integer,
  pace_zone                integer,
  device_watts             boolean,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);
create index strava_laps_activity on raw.strava_laps (activity_id);

-- One row per best effort (400m, 1k, 5k, ...) of an activity.
create table raw.strava_best_efforts (
  best_effort_id           bigint primary key,
  activity_id              bigint not null,
  athlete_id               bigint,
  name                     text,
  distance_m               double precision,
  elapsed_time_s           integer,
  moving_time_s            integer,
  start_date               timestamptz,
  start_date_local         timestamp,
  start_index              integer,
  end_index                integer,
  pr_rank                  integer,
  achievements             jsonb,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);
create index strava_best_efforts_activity on raw.strava_best_efforts (activity_id);

-- One row per stream point of an activity; the primary key also serves "replace this activity's points".
create table raw.strava_activity_streams (
  activity_id              bigint not null,
  point_index              integer not null,
  time_s                   double precision,
  lat                      double precision,
  lng                      double precision,
  distance_m               double precision,
  altitude_m               double precision,
  velocity_smooth_m_per_s  double precision,
  heartrate_bpm            double precision,
  cadence_rpm              double precision,
  watts                    double precision,
  temp_c                   double precision,
  moving                   boolean,
  grade_smooth_pct         double precision,
  synthetic                boolean,
  stream_source            text,
  extra                    jsonb,
  _source_object           text not null,
  _loaded_at               timestamptz not null,
  primary key (activity_id, point_index)
);

-- One row per athlete.
create table raw.strava_athlete (
  athlete_id               bigint primary key,
  username                 text,
  firstname                text,
  lastname                 text,
  city                     text,
  state                    text,
  country                  text,
  sex                      text,
  premium                  boolean,
  summit                   boolean,
  weight_kg                double precision,
  ftp_w                    double precision,
  measurement_preference   text,
  created_at               timestamptz,
  updated_at               timestamptz,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- One row per athlete, zone type and zone.
create table raw.strava_athlete_zones (
  athlete_id               bigint not null,
  zone_type                text not null,
  zone_index               integer not null,
  min_value                double precision,
  max_value                double precision,
  custom_zones             boolean,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null,
  primary key (athlete_id, zone_type, zone_index)
);

-- One row per activity of a bulk export (activities.csv).
create table raw.strava_export_activities (
  activity_id              bigint primary key,
  start_date               timestamptz not null,
  name                     text,
  activity_type            text,
  description              text,
  moving_time_s            double precision,
  elevation_gain_m         double precision,
  average_heartrate_bpm    double precision,
  calories_kcal            double precision,
  commute                  boolean,
  gear                     text,
  filename                 text,
  export_file              text,
  export_vintage           text,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- Down Migration
drop table raw.strava_export_activities;
drop table raw.strava_athlete_zones;
drop table raw.strava_athlete;
drop table raw.strava_activity_streams;
drop table raw.strava_best_efforts;
drop table raw.strava_laps;
drop table raw.strava_activity_details;
