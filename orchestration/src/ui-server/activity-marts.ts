import type { Pool } from 'pg';
import type { MartRows } from './api-schemas.js';

/** Per-activity mart reads of the activity page: a table it reads, and its columns (numbers as float8). */
interface ActivityMartQuery {
  readonly table: string;
  readonly sql: string;
}

const QUERIES = {
  // the records of the real-world activity: the canonical one first, then by how well they match
  sources: {
    table: 'marts.fct_activity_sources',
    sql: `select source_activity_id::text as source_activity_id, record_source, file_name, match_rule,
                 start_offset_s::float8 as start_offset_s, started_at::text as started_at,
                 elapsed_time_s::float8 as elapsed_time_s, distance_m::float8 as distance_m, activity_name,
                 is_canonical, wins_streams, won_summary_because, won_streams_because
            from marts.fct_activity_sources where activity_id = $1::bigint
           order by is_canonical desc, wins_streams desc, record_source, source_activity_id`,
  },
  weather: {
    table: 'marts.fct_activity_weather',
    sql: `select timezone, started_at::text as started_at, start_hour_local::text as start_hour_local,
                 start_conditions, start_weather_code::float8 as start_weather_code,
                 start_temperature_c::float8 as start_temperature_c,
                 start_apparent_temperature_c::float8 as start_apparent_temperature_c,
                 start_relative_humidity_pct::float8 as start_relative_humidity_pct,
                 start_dew_point_c::float8 as start_dew_point_c, start_precipitation_mm::float8 as start_precipitation_mm,
                 start_cloud_cover_pct::float8 as start_cloud_cover_pct,
                 start_wind_speed_m_per_s::float8 as start_wind_speed_m_per_s,
                 start_wind_gusts_m_per_s::float8 as start_wind_gusts_m_per_s,
                 start_wind_direction_deg::float8 as start_wind_direction_deg,
                 hours_covered::float8 as hours_covered, temperature_mean_c::float8 as temperature_mean_c,
                 temperature_min_c::float8 as temperature_min_c, temperature_max_c::float8 as temperature_max_c,
                 precipitation_total_mm::float8 as precipitation_total_mm,
                 wind_speed_max_m_per_s::float8 as wind_speed_max_m_per_s,
                 wind_gusts_max_m_per_s::float8 as wind_gusts_max_m_per_s,
                 route_s::float8 as route_s, calm_s::float8 as calm_s, headwind_s::float8 as headwind_s, crosswind_s::float8 as crosswind_s,
                 tailwind_s::float8 as tailwind_s, headwind_mean_m_per_s::float8 as headwind_mean_m_per_s,
                 crosswind_mean_m_per_s::float8 as crosswind_mean_m_per_s
            from marts.fct_activity_weather where activity_id = $1::bigint`,
  },
} as const satisfies Record<string, ActivityMartQuery>;

/** What the activity page reads per activity besides its streams. */
export type ActivityMartName = keyof typeof QUERIES;

/**
 * One activity's rows of a per-activity mart: `sources` reads `marts.fct_activity_sources` (one
 * row per source record matched to the activity: API, bulk export, device files, with the match
 * rule and which record won the summary and the streams, and why); `weather` reads
 * `marts.fct_activity_weather` (at most one row: start conditions, mean and extremes, head-, cross-,
 * tailwind and calm seconds; units °C, %, mm, m/s, s, degrees). `activityId` is an integer as text
 * (negative for a device file with no Strava activity). `available: false` when the mart is not
 * built yet; no rows when the activity has none.
 */
export async function activityMartRows(
  pool: Pool,
  name: ActivityMartName,
  activityId: string,
): Promise<MartRows> {
  const q = QUERIES[name];
  const exists = await pool.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [q.table]);
  if (exists.rows[0]?.ok !== true) return { available: false, rows: [] };
  const res = await pool.query<Record<string, string | number | boolean | null>>(q.sql, [activityId]);
  return { available: true, rows: res.rows };
}
