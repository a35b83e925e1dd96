import type { Point } from '../bulk-export/activity-files.js';

/** Summary of a track computed from its points (for files without a session message). */
export interface PointSummary {
  /** First timed point, ISO UTC without milliseconds; null when no point has a time. */
  readonly start_date: string | null;
  /** Last minus first timed point, seconds. */
  readonly elapsed_time_s: number;
  /** The largest cumulative distance, metres (null without distances). */
  readonly distance_m: number | null;
  readonly average_heartrate_bpm: number | null;
  readonly max_heartrate_bpm: number | null;
  readonly average_cadence_rpm: number | null;
  readonly average_watts: number | null;
  /** [lat, lng] of the first point with a position, degrees. */
  readonly start_latlng: readonly [number, number] | null;
}

const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
const values = (points: readonly Point[], pick: (p: Point) => number | undefined) =>
  points.map(pick).filter((v): v is number => v !== undefined);

/** Summarises points (call after `toStreams`, which fills distances from positions). */
export function summarisePoints(points: readonly Point[]): PointSummary {
  const times = values(points, (p) => p.t);
  const t0 = times.length ? Math.min(...times) : undefined;
  const t1 = times.length ? Math.max(...times) : undefined;
  const dist = values(points, (p) => p.dist);
  const hr = values(points, (p) => p.hr);
  const first = points.find((p) => p.lat !== undefined && p.lng !== undefined);
  return {
    start_date: t0 === undefined ? null : new Date(t0).toISOString().replace('.000Z', 'Z'),
    elapsed_time_s: t0 === undefined || t1 === undefined ? 0 : Math.round((t1 - t0) / 1000),
    distance_m: dist.length ? Math.max(...dist) : null,
    average_heartrate_bpm: mean(hr),
    max_heartrate_bpm: hr.length ? Math.max(...hr) : null,
    average_cadence_rpm: mean(values(points, (p) => p.cad)),
    average_watts: mean(values(points, (p) => p.watts)),
    start_latlng: first ? [first.lat!, first.lng!] : null,
  };
}
