import type { Pool } from 'pg';
import type { MartRows } from './api-schemas.js';

/** Per-activity mart reads of the activity page: a table it reads, and its columns (numbers as float8). */
interface ActivityMartQuery {
  readonly table: string;
  readonly sql: string;
  /** The query answers one jsonb column `row` per row (every column of the mart). */
  readonly json?: boolean;
}

const QUERIES = {
  // the activity's facts by id, so the page finds any activity, not only the dashboard list's newest 500
  summary: {
    table: 'marts.fct_activities',
    sql: `select activity_id::text as activity_id, activity_name, sport_type, started_at::text as started_at,
                 distance_km::float8 as distance_km, moving_time_s::float8 as moving_time_s,
                 total_elevation_gain_m::float8 as total_elevation_gain_m,
                 average_heartrate_bpm::float8 as average_heartrate_bpm, max_heartrate_bpm::float8 as max_heartrate_bpm,
                 average_speed_m_per_s::float8 as average_speed_m_per_s, coalesce(is_deleted, false) as is_deleted
            from marts.fct_activities where activity_id = $1::bigint`,
  },
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
  // every column the mart has, as JSON (numbers as numbers, instants as ISO 8601): a column added
  // to the mart later (calm_s was) is absent, not an error, until the mart is rebuilt
  weather: {
    table: 'marts.fct_activity_weather',
    sql: `select to_jsonb(w) - 'activity_id' as row from marts.fct_activity_weather as w
           where w.activity_id = $1::bigint`,
    json: true,
  },
} as const satisfies Record<string, ActivityMartQuery>;

/** What the activity page reads per activity besides its streams. */
export type ActivityMartName = keyof typeof QUERIES;

/**
 * One activity's rows of a per-activity mart: `summary` reads `marts.fct_activities` (at most one
 * row: name, sport, start, distance km, moving time s, elevation gain m, heart rate bpm, speed m/s,
 * whether Strava deleted it); `sources` reads `marts.fct_activity_sources` (one
 * row per source record matched to the activity: API, bulk export, device files, with the match
 * rule and which record won the summary and the streams, and why); `weather` reads
 * `marts.fct_activity_weather` (at most one row: start conditions, mean and extremes, head-, cross-,
 * tailwind and calm seconds; units °C, %, mm, m/s, s, degrees; every column the mart has, instants
 * as ISO 8601). `activityId` is an integer as text
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
  type Row = Record<string, string | number | boolean | null>;
  const res = await pool.query<Row>(q.sql, [activityId]);
  return { available: true, rows: 'json' in q ? res.rows.map((r) => r.row as unknown as Row) : res.rows };
}
