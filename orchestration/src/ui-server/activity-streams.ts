import type { Pool } from 'pg';
import { LTTB } from 'downsample';
import type { ActivityStreams, StreamAxis, StreamName } from './api-schemas.js';
import { summaryPolylineRoute } from './activity-route.js';

/** Points read of one activity at most (a 24 h recording at 1 Hz is 86,400). */
const MAX_POINTS = 100_000;
/** Points per series sent to the browser: LTTB keeps the shape (peaks included) of the full series. */
export const SERIES_POINTS = 600;
/** Points of the route sent to the browser. */
export const ROUTE_POINTS = 1_500;

const SERIES: readonly StreamName[] = [
  'heart_rate_bpm',
  'speed_m_per_s',
  'altitude_m',
  'power_w',
  'cadence_rpm',
];

type PointRow = Record<
  StreamName | 'elapsed_s' | 'distance_m' | 'latitude_deg' | 'longitude_deg',
  number | null
>;

/**
 * The streams of one activity for its page: each of heart rate, speed, altitude, power and cadence
 * against elapsed time (s) or distance (km), downsampled server-side with LTTB (Largest-Triangle-
 * Three-Buckets, Steinarsson 2013, via the `downsample` package) to {@link SERIES_POINTS}; and
 * its route as [lat, lng] pairs (every n-th recorded position, at most {@link ROUTE_POINTS}). Reads
 * `staging.stg_strava__activity_streams` (a view over the raw table's (activity_id, point_index)
 * index), at most 100,000 points. `available: false` when that view does not exist yet. An activity
 * without recorded positions gets its route from Strava's summary polyline when it has one
 * (`routeSource` says which). The points are those of the record that wins the streams in
 * `marts.fct_activity_sources` when that mart exists (`streamsActivityId`; e.g. the device file's
 * negative id), else the activity's own.
 */
export async function activityStreams(
  pool: Pool,
  activityId: string,
  axis: StreamAxis,
): Promise<ActivityStreams> {
  const exists = await pool.query<{ streams: boolean; sources: boolean }>(
    `select to_regclass('staging.stg_strava__activity_streams') is not null as streams,
            to_regclass('marts.fct_activity_sources') is not null as sources`,
  );
  const streamsActivityId = exists.rows[0]?.sources ? await winningRecord(pool, activityId) : activityId;
  const available = exists.rows[0]?.streams === true;
  const rows = available ? await streamPoints(pool, streamsActivityId) : [];
  const xOf = (r: PointRow) =>
    axis === 'time' ? r.elapsed_s : r.distance_m === null ? null : r.distance_m / 1000;
  const series: ActivityStreams['series'] = {};
  for (const name of SERIES) {
    const points: Array<[number, number]> = [];
    for (const r of rows) {
      const [x, y] = [xOf(r), r[name]];
      if (x !== null && y !== null) points.push([x, y]);
    }
    if (points.length > 0)
      series[name] = Array.from(LTTB(points, SERIES_POINTS) as ArrayLike<[number, number]>);
  }
  const recorded = recordedRoute(rows);
  return {
    available,
    axis,
    totalPoints: rows.length,
    series,
    streamsActivityId,
    ...(recorded.length >= 2
      ? { route: recorded, routeSource: 'streams' as const }
      : await polylineRoute(pool, activityId)),
  };
}

/** The recorded points of one source record, in order (at most {@link MAX_POINTS}). */
async function streamPoints(pool: Pool, streamsActivityId: string): Promise<PointRow[]> {
  const res = await pool.query<PointRow>(
    `select elapsed_s::float8 as elapsed_s, distance_m::float8 as distance_m,
            heart_rate_bpm::float8 as heart_rate_bpm, speed_m_per_s::float8 as speed_m_per_s,
            altitude_m::float8 as altitude_m, power_w::float8 as power_w, cadence_rpm::float8 as cadence_rpm,
            latitude_deg::float8 as latitude_deg, longitude_deg::float8 as longitude_deg
       from staging.stg_strava__activity_streams
      where activity_id = $1::bigint order by point_index limit ${MAX_POINTS}`,
    [streamsActivityId],
  );
  return res.rows;
}

/** Every n-th recorded position as [lat, lng] (the last one kept), at most about {@link ROUTE_POINTS}. */
function recordedRoute(rows: readonly PointRow[]): Array<[number, number]> {
  const positions = rows.filter((r) => r.latitude_deg !== null && r.longitude_deg !== null);
  const step = Math.max(1, Math.ceil(positions.length / ROUTE_POINTS));
  return positions
    .filter((_, i) => i % step === 0 || i === positions.length - 1)
    .map((r) => [r.latitude_deg!, r.longitude_deg!] as [number, number]);
}

/**
 * The source record whose streams an activity shows: the one `marts.fct_activity_sources` marks
 * `wins_streams` (a device file beats the export beats the API), or the activity's own id.
 */
async function winningRecord(pool: Pool, activityId: string): Promise<string> {
  const res = await pool.query<{ id: string }>(
    `select source_activity_id::text as id from marts.fct_activity_sources
      where activity_id = $1::bigint and wins_streams order by source_activity_id limit 1`,
    [activityId],
  );
  return res.rows[0]?.id ?? activityId;
}

/** The route from the summary polyline when there is one (see {@link summaryPolylineRoute}). */
async function polylineRoute(
  pool: Pool,
  activityId: string,
): Promise<Pick<ActivityStreams, 'route' | 'routeSource'>> {
  const route = await summaryPolylineRoute(pool, activityId);
  return route.length >= 2 ? { route, routeSource: 'summary_polyline' } : { route: [], routeSource: null };
}
