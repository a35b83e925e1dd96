import { num, round, seededRandom } from './seeded-random.js';
import type { JsonObject } from './simulator-data.js';

/*
 * SYNTHETIC DATA. The simulator generates the streams of every activity it has no recording of,
 * deterministically from the SummaryActivity (same input, same output). Generated streams carry
 * `"synthetic": true` so nobody mistakes them for recordings, and the streams asset lands them
 * with `"source": "simulator", "synthetic": true`.
 */

/** Seconds between generated stream points (at most ~600 points per activity keeps landing small). */
export function stepSeconds(elapsed: number): number {
  return Math.max(10, Math.ceil(elapsed / 600));
}

function stream(data: unknown[]): JsonObject {
  return { data, series_type: 'distance', original_size: data.length, resolution: 'high', synthetic: true };
}

/**
 * A `key_by_type` StreamSet for `summary`: time (s), distance (m), latlng (deg), altitude (m),
 * velocity_smooth (m/s), heartrate (bpm, when `has_heartrate`), cadence (rpm/spm), watts, temp (°C),
 * moving, grade_smooth (%). Only the streams the summary implies exist.
 */
export function syntheticStreams(summary: JsonObject): JsonObject {
  const id = Number(summary.id);
  const rand = seededRandom(id % 2 ** 31);
  const elapsed = Math.max(1, num(summary.elapsed_time) ?? 1);
  const step = stepSeconds(elapsed);
  const distanceTotal = num(summary.distance) ?? 0;
  // the last point is the end of the activity, even when `elapsed` is no multiple of `step`
  const points = Math.ceil(elapsed / step) + 1;
  const time: number[] = [];
  const distance: number[] = [];
  const altitude: number[] = [];
  const heartrate: number[] = [];
  const latlng: [number, number][] = [];
  const start = summary.start_latlng as number[] | null | undefined;
  const end = (summary.end_latlng as number[] | null | undefined) ?? start;
  const gain = num(summary.total_elevation_gain) ?? 0;
  const avgHr = num(summary.average_heartrate) ?? 140;
  const maxHr = num(summary.max_heartrate) ?? avgHr + 20;
  for (let i = 0; i < points; i++) {
    const t = Math.min(elapsed, i * step);
    const f = t / elapsed;
    time.push(t);
    distance.push(round(distanceTotal * f, 1));
    altitude.push(round(20 + (gain / 2) * (1 - Math.cos(2 * Math.PI * f)) + rand(), 1));
    heartrate.push(Math.min(maxHr, Math.round(avgHr - 15 * (1 - Math.min(1, f * 10)) + (rand() - 0.5) * 6)));
    if (start?.length === 2 && end?.length === 2) {
      const wobble = Math.sin(Math.PI * f) * 0.004;
      latlng.push([
        round(start[0]! + (end[0]! - start[0]!) * f + wobble, 6),
        round(start[1]! + (end[1]! - start[1]!) * f + wobble, 6),
      ]);
    }
  }
  const streams: JsonObject = { time: stream(time) };
  if (distanceTotal > 0) {
    streams.distance = stream(distance);
    streams.altitude = stream(altitude);
    streams.velocity_smooth = stream(
      distance.map((d, i) =>
        i === 0 ? 0 : round((d - distance[i - 1]!) / (time[i]! - time[i - 1]! || 1), 2),
      ),
    );
    streams.grade_smooth = stream(
      altitude.map((a, i) =>
        i === 0 ? 0 : round(((a - altitude[i - 1]!) / (distance[i]! - distance[i - 1]! || 1)) * 100, 1),
      ),
    );
    streams.moving = stream(time.map(() => true));
  }
  if (latlng.length > 0) streams.latlng = stream(latlng);
  if (summary.has_heartrate === true) streams.heartrate = stream(heartrate);
  const cadence = num(summary.average_cadence);
  if (cadence !== undefined)
    streams.cadence = stream(time.map(() => Math.round(cadence + (rand() - 0.5) * 6)));
  const watts = num(summary.average_watts);
  if (watts !== undefined)
    streams.watts = stream(time.map(() => Math.max(0, Math.round(watts + (rand() - 0.5) * 40))));
  const temp = num(summary.average_temp);
  if (temp !== undefined) streams.temp = stream(time.map(() => Math.round(temp)));
  return streams;
}
