import type { Pool } from 'pg';
import { writeDemoLiftingMarts } from './demo-lifting-marts.js';
import { DEMO_LOOP_POLYLINE, writeDemoStreams, writeDemoSummaryPolylines } from './demo-streams.js';
import { writeDemoTrainingMarts } from './demo-training-marts.js';
import { writeDemoActivityMarts } from './demo-activity-marts.js';

/**
 * Writes small tables in schema `marts` with the columns the dashboards read from the real marts
 * (fct_activities, fct_training_weeks, fct_heart_rate_zones with the zones' bounds, fct_hourly_max_heart_rate,
 * fct_daily_heart_rate with time in zones, fct_personal_records, the lifting and the training marts), the
 * streams, sources and weather of the newest activity and the summary polyline of the one before: 120 days
 * of generated activities, deterministic.
 * Returns the activity count.
 */
export async function writeDemoMarts(pool: Pool): Promise<number> {
  const start = Date.UTC(2026, 7, 1);
  const day = 86_400_000;
  const acts: Array<[number, string, string, number, number, number]> = [];
  for (let i = 0; i < 120; i++) {
    if (i % 7 === 3) continue;
    const sport = i % 3 === 0 ? 'Ride' : 'Run';
    const km = sport === 'Ride' ? 30 + (i % 5) * 4 : 5 + (i % 4) * 2.5;
    acts.push([1000 + i, `Demo ${sport} ${i}`, sport, start + i * day + 7 * 3_600_000, km, 140 + (i % 20)]);
  }
  await pool.query('create schema if not exists marts');
  await pool.query(`drop table if exists marts.fct_activities, marts.fct_training_weeks, marts.fct_heart_rate_zones,
    marts.fct_hourly_max_heart_rate, marts.fct_daily_heart_rate, marts.fct_personal_records`);
  await pool.query(`create table marts.fct_activities (activity_id bigint primary key, activity_name text, sport_type text,
    started_at timestamptz, activity_date date, distance_km numeric, moving_time_s integer, total_elevation_gain_m numeric,
    average_heartrate_bpm numeric, max_heartrate_bpm numeric, average_speed_m_per_s numeric, is_deleted boolean)`);
  for (const [id, name, sport, at, km, hr] of acts) {
    const moving = Math.round(km * (sport === 'Ride' ? 120 : 330));
    await pool.query(
      `insert into marts.fct_activities values ($1, $2, $3, $4, ($4::timestamptz at time zone 'UTC')::date, $5, $6, $7, $8, $9, $10, false)`,
      [id, name, sport, new Date(at), km, moving, km * 8, hr, hr + 25, (km * 1000) / moving],
    );
  }
  await pool.query(`create table marts.fct_training_weeks as
    select date_trunc('week', started_at)::date as week_start_date, sport_type, count(*) as activity_count,
           sum(distance_km) as distance_km, sum(moving_time_s) as moving_time_s
      from marts.fct_activities group by 1, 2`);
  // the athlete's zones: [0, 120), [120, 150), [150, 165), [165, 180), [180, open)
  await pool.query(`create table marts.fct_heart_rate_zones as
    select a.activity_id, z as zone_index, (a.moving_time_s * (6 - abs(3 - z)) / 15)::int as time_in_zone_s,
           (array[null, 0, 120, 150, 165, 180])[z + 1] as lower_bound_bpm,
           (array[null, 120, 150, 165, 180, null])[z + 1] as upper_bound_bpm, a.started_at as streams_loaded_at
      from marts.fct_activities a cross join generate_series(0, 5) z`);
  await pool.query(`create table marts.fct_hourly_max_heart_rate as
    select date_trunc('hour', started_at) as hour_started_at, max(max_heartrate_bpm) as max_heart_rate_bpm
      from marts.fct_activities group by 1`);
  await pool.query(`create table marts.fct_daily_heart_rate as
    select (hour_started_at at time zone 'UTC')::date as date_day, max(max_heart_rate_bpm) as max_heart_rate_bpm,
           avg(max_heart_rate_bpm) as avg_hourly_max_heart_rate_bpm, max(max_heart_rate_bpm) as latest_hourly_max_heart_rate_bpm,
           min(max_heart_rate_bpm) - 80 as resting_heart_rate_estimate_bpm
      from marts.fct_hourly_max_heart_rate group by 1`);
  // a wearable's seconds per zone and day, from the day of the month: 10-11.5 h in zone 1, less above
  await pool.query(`alter table marts.fct_daily_heart_rate add column iso_week_start_date date,
    add column time_in_zone_1_s integer, add column time_in_zone_2_s integer, add column time_in_zone_3_s integer,
    add column time_in_zone_4_s integer, add column time_in_zone_5_s integer`);
  await pool.query(`update marts.fct_daily_heart_rate set iso_week_start_date = date_trunc('week', date_day)::date,
    time_in_zone_1_s = 36000 + extract(day from date_day)::int % 7 * 900,
    time_in_zone_2_s = 5400 + extract(day from date_day)::int % 5 * 300,
    time_in_zone_3_s = 1800 + extract(day from date_day)::int % 3 * 600,
    time_in_zone_4_s = 600 + extract(day from date_day)::int % 4 * 150,
    time_in_zone_5_s = extract(day from date_day)::int % 6 * 60`);
  await pool.query(`create table marts.fct_personal_records as
    select 'b' || activity_id as best_effort_id, activity_id, '5K' as effort_name, 5000.0 as distance_m,
           1500 - row_number() over (order by started_at) * 15 as elapsed_time_s, started_at as set_at,
           row_number() over (order by started_at) as record_number, false as is_current_record
      from marts.fct_activities where sport_type = 'Run' and activity_id % 10 = 0`);
  await pool.query(`update marts.fct_personal_records set is_current_record = true
    where record_number = (select max(record_number) from marts.fct_personal_records)`);
  await writeDemoLiftingMarts(pool);
  await writeDemoTrainingMarts(pool);
  // the newest activity's streams are its FIT file's (negative id), which win in fct_activity_sources
  await writeDemoStreams(pool, -acts.at(-1)![0]);
  await writeDemoActivityMarts(pool, acts.at(-1)![0]); // its sources and weather
  // the one before it has no streams, only Strava's summary polyline
  await writeDemoSummaryPolylines(pool, [[acts.at(-2)![0], DEMO_LOOP_POLYLINE]]);
  return acts.length;
}
