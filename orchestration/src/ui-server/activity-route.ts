import type { Pool } from 'pg';
import polylineCodec from '@googlemaps/polyline-codec';

/** Postgres error codes meaning "not built yet": no such relation, no such column. */
const NOT_BUILT = new Set(['42P01', '42703']);

/**
 * The route of an activity from Strava's summary polyline, as [latitude, longitude] degrees: read
 * from `staging.stg_strava__activities.summary_polyline` (`map.summary_polyline` of the Strava
 * activity, developers.strava.com/docs/reference/#api-models-PolylineMap) and decoded from
 * Google's encoded polyline format at precision 5
 * (developers.google.com/maps/documentation/utilities/polylinealgorithm) with
 * `@googlemaps/polyline-codec`. A simplified line (Strava keeps a few hundred points at most), for
 * activities without a position stream. `[]` when the activity has no polyline, is unknown, or the
 * staging view (or its column) is not built yet.
 *
 * @throws the database error for anything but a missing view or column.
 */
export async function summaryPolylineRoute(pool: Pool, activityId: string): Promise<Array<[number, number]>> {
  let encoded: string | null | undefined;
  try {
    const res = await pool.query<{ summary_polyline: string | null }>(
      `select summary_polyline from staging.stg_strava__activities where activity_id = $1::bigint limit 1`,
      [activityId],
    );
    encoded = res.rows[0]?.summary_polyline;
  } catch (error) {
    if (NOT_BUILT.has((error as { code?: string }).code ?? '')) return [];
    throw error;
  }
  if (!encoded) return [];
  return polylineCodec.decode(encoded, 5).map(([lat, lng]) => [lat, lng] as [number, number]);
}
