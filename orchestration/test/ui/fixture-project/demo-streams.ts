import type { Pool } from 'pg';
import polylineCodec from '@googlemaps/polyline-codec';

/**
 * Writes `staging.stg_strava__activity_streams` (as a table, with the real view's columns) for one
 * activity: an hour of 1 Hz points of a run on a 3 km loop, heart rate with one 200 bpm spike at
 * minute 30, no power. Returns the number of points (3,600).
 */
export async function writeDemoStreams(pool: Pool, activityId: number): Promise<number> {
  await pool.query('create schema if not exists staging');
  await pool.query('drop table if exists staging.stg_strava__activity_streams');
  await pool.query(
    `create table staging.stg_strava__activity_streams as
    select $1::bigint as activity_id, i as point_index, i::numeric as elapsed_s, (i * 3.0)::numeric as distance_m,
           (100 + 10 * sin(i / 300.0))::numeric as altitude_m, (3 + 0.3 * sin(i / 60.0))::numeric as speed_m_per_s,
           (case when i = 1800 then 200 else 130 + 20 * sin(i / 600.0) end)::numeric as heart_rate_bpm,
           170::numeric as cadence_rpm, null::numeric as power_w,
           52.0 + 0.0043 * sin(2 * pi() * i / 1000) as latitude_deg, 13.0 + 0.007 * cos(2 * pi() * i / 1000) as longitude_deg
      from generate_series(0, 3599) as i`,
    [activityId],
  );
  return 3600;
}

/**
 * Writes `staging.stg_strava__activities` (as a table, with only the real view's `activity_id` and
 * `summary_polyline` columns) holding `polylines`: [activity id, encoded polyline or null].
 */
export async function writeDemoSummaryPolylines(
  pool: Pool,
  polylines: ReadonlyArray<readonly [number, string | null]>,
): Promise<void> {
  await pool.query('create schema if not exists staging');
  await pool.query('drop table if exists staging.stg_strava__activities');
  await pool.query(
    `create table staging.stg_strava__activities as
    select * from unnest($1::bigint[], $2::text[]) as p(activity_id, summary_polyline)`,
    [polylines.map((p) => p[0]), polylines.map((p) => p[1])],
  );
}

/** A 2 km loop (40 points) near the demo streams' start, as Strava's encoded summary polyline (precision 5). */
export const DEMO_LOOP_POLYLINE = polylineCodec.encode(
  Array.from({ length: 41 }, (_, i) => [
    52.01 + 0.003 * Math.sin((2 * Math.PI * i) / 40),
    13.02 + 0.006 * Math.cos((2 * Math.PI * i) / 40) + 0.002 * Math.sin((4 * Math.PI * i) / 40),
  ]),
  5,
);
