-- Up Migration

-- Set by a deletion (raw.strava_activity_deletions), cleared when Strava lists the activity again.
alter table raw.strava_activities add column deleted_at timestamptz;

-- One row per activity Strava no longer lists (extract's full re-list).
create table raw.strava_activity_deletions (
  activity_id              bigint primary key,
  detected_at              timestamptz not null,
  record                   jsonb not null,
  _source_object           text not null,
  _loaded_at               timestamptz not null
);

-- One row per athlete: the latest ActivityStats totals (counts, metres, seconds).
create table raw.strava_athlete_stats (
  athlete_id                      bigint primary key,
  biggest_ride_distance_m         double precision,
  biggest_climb_elevation_gain_m  double precision,
  recent_run_count                integer,
  recent_run_distance_m           double precision,
  recent_run_moving_time_s        double precision,
  recent_run_elapsed_time_s       double precision,
  recent_run_elevation_gain_m     double precision,
  recent_ride_count               integer,
  recent_ride_distance_m          double precision,
  recent_ride_moving_time_s       double precision,
  recent_ride_elapsed_time_s      double precision,
  recent_ride_elevation_gain_m    double precision,
  recent_swim_count               integer,
  recent_swim_distance_m          double precision,
  recent_swim_moving_time_s       double precision,
  recent_swim_elapsed_time_s      double precision,
  recent_swim_elevation_gain_m    double precision,
  ytd_run_count                   integer,
  ytd_run_distance_m              double precision,
  ytd_run_moving_time_s           double precision,
  ytd_run_elapsed_time_s          double precision,
  ytd_run_elevation_gain_m        double precision,
  ytd_ride_count                  integer,
  ytd_ride_distance_m             double precision,
  ytd_ride_moving_time_s          double precision,
  ytd_ride_elapsed_time_s         double precision,
  ytd_ride_elevation_gain_m       double precision,
  ytd_swim_count                  integer,
  ytd_swim_distance_m             double precision,
  ytd_swim_moving_time_s          double precision,
  ytd_swim_elapsed_time_s         double precision,
  ytd_swim_elevation_gain_m       double precision,
  all_run_count                   integer,
  all_run_distance_m              double precision,
  all_run_moving_time_s           double precision,
  all_run_elapsed_time_s          double precision,
  all_run_elevation_gain_m        double precision,
  all_ride_count                  integer,
  all_ride_distance_m             double precision,
  all_ride_moving_time_s          double precision,
  all_ride_elapsed_time_s         double precision,
  all_ride_elevation_gain_m       double precision,
  all_swim_count                  integer,
  all_swim_distance_m             double precision,
  all_swim_moving_time_s          double precision,
  all_swim_elapsed_time_s         double precision,
  all_swim_elevation_gain_m       double precision,
  record                          jsonb not null,
  _source_object                  text not null,
  _loaded_at                      timestamptz not null
);

-- Down Migration
drop table raw.strava_athlete_stats;
drop table raw.strava_activity_deletions;
alter table raw.strava_activities drop column deleted_at;
