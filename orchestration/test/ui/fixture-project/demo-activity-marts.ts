import type { Pool } from 'pg';

/** The device file that the fixture's newest activity also came from (`fct_activity_sources.file_name`). */
export const DEMO_DEVICE_FILE = 'demo-run-119.fit';

/**
 * Writes the per-activity marts of the activity page with the real marts' columns, for one
 * activity of the demo `marts.fct_activities`: `fct_activity_sources` (the API record, the same
 * record in the bulk export, and a FIT file 4 s later, 37 m longer, named "Morning Run", whose
 * streams win) and `fct_activity_weather` (light rain at 6.4 °C at the start; 3,000 s of route:
 * 1,200 s headwind, 900 s crosswind, 600 s tailwind, 300 s calm). Deterministic.
 */
export async function writeDemoActivityMarts(pool: Pool, activityId: number): Promise<void> {
  await pool.query('drop table if exists marts.fct_activity_sources, marts.fct_activity_weather');
  await pool.query(
    `create table marts.fct_activity_sources as
    select a.activity_id, s.source_activity_id, s.record_source, s.file_name, s.match_rule,
           s.start_offset_s::numeric as start_offset_s, a.started_at + s.start_offset_s * interval '1 second' as started_at,
           a.moving_time_s + s.extra_s as elapsed_time_s, a.distance_km * 1000 + s.extra_m as distance_m,
           coalesce(s.name, a.activity_name) as activity_name, s.is_canonical, s.wins_streams,
           s.won_summary_because, s.won_streams_because
      from marts.fct_activities a cross join (values
        ($1::bigint, 'api', null, 'self', 0, 0, 0, null, true, false,
         'summary, name, sport and gear: the Strava record (edited there later)', null),
        ($1::bigint, 'bulk_export', null, 'strava_id', 0, 0, 0, null, false, false, null, null),
        (-$1::bigint, 'fit', $2, 'start_time_and_sport', 4, 12, 37, 'Morning Run', false, true, null,
         'streams: a device file beats the export and the API')
      ) as s (source_activity_id, record_source, file_name, match_rule, start_offset_s, extra_s, extra_m, name,
              is_canonical, wins_streams, won_summary_because, won_streams_because)
     where a.activity_id = $1`,
    [activityId, DEMO_DEVICE_FILE],
  );
  await pool.query(
    `create table marts.fct_activity_weather as
    select activity_id, 'p52.0_13.0_' || activity_date as place_key, 'Europe/Berlin' as timezone, started_at,
           date_trunc('hour', started_at at time zone 'Europe/Berlin') as start_hour_local,
           6.4 as start_temperature_c, 3.9 as start_apparent_temperature_c, 81 as start_relative_humidity_pct,
           3.3 as start_dew_point_c, 0.2 as start_precipitation_mm, 88 as start_cloud_cover_pct,
           4.6 as start_wind_speed_m_per_s, 9.8 as start_wind_gusts_m_per_s, 250 as start_wind_direction_deg,
           61 as start_weather_code, 'rain' as start_conditions, 2 as hours_covered,
           6.8 as temperature_mean_c, 6.4 as temperature_min_c, 7.2 as temperature_max_c,
           0.5 as precipitation_total_mm, 5.1 as wind_speed_max_m_per_s, 10.4 as wind_gusts_max_m_per_s,
           3000 as route_s, 300 as calm_s, 1200 as headwind_s, 900 as crosswind_s, 600 as tailwind_s,
           1.9 as headwind_mean_m_per_s, 2.2 as crosswind_mean_m_per_s
      from marts.fct_activities where activity_id = $1`,
    [activityId],
  );
}
