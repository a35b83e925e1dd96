import type { JsonObject } from './fixture-data.js';

/*
 * SYNTHETIC DATA. Strava recorded details for two activities and streams for one; for every other
 * activity the simulator generates them here, deterministically from the SummaryActivity (same
 * input, same output). Generated bodies carry `"synthetic": true` so nobody mistakes them for
 * recordings, and the streams asset lands them with `"source": "simulator", "synthetic": true`.
 */

/** Seconds between generated stream points (at most ~600 points per activity keeps landing small). */
function stepSeconds(elapsed: number): number {
  return Math.max(10, Math.ceil(elapsed / 600));
}

/** mulberry32: a tiny seeded PRNG, so the same activity id always yields the same noise. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const round = (v: number, digits: number): number => Number(v.toFixed(digits));

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
  const rand = prng(id % 2 ** 31);
  const elapsed = Math.max(1, num(summary.elapsed_time) ?? 1);
  const step = stepSeconds(elapsed);
  const distanceTotal = num(summary.distance) ?? 0;
  const points = Math.floor(elapsed / step) + 1;
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

/**
 * A DetailedActivity for `summary`: the summary's fields, `resource_state: 3`, one lap over the
 * whole activity, metric splits (one per full km plus the rest) and empty efforts.
 */
export function syntheticDetail(summary: JsonObject): JsonObject {
  const distance = num(summary.distance) ?? 0;
  const moving = num(summary.moving_time) ?? 0;
  const elapsed = num(summary.elapsed_time) ?? moving;
  const speed = moving > 0 ? distance / moving : 0;
  const splits: JsonObject[] = [];
  for (let done = 0, split = 1; done < distance; done += 1000, split++) {
    const d = Math.min(1000, distance - done);
    const t = speed > 0 ? Math.round(d / speed) : 0;
    splits.push({
      distance: round(d, 1),
      elapsed_time: t,
      moving_time: t,
      average_speed: round(speed, 2),
      split,
      pace_zone: 0,
    });
  }
  return {
    ...summary,
    resource_state: 3,
    synthetic: true,
    description: null,
    calories: round((distance / 1000) * 60, 1),
    device_name: null,
    laps: [
      {
        id: Number(summary.id) * 10 + 1,
        resource_state: 2,
        name: 'Lap 1',
        activity: { id: summary.id, resource_state: 1 },
        elapsed_time: elapsed,
        moving_time: moving,
        start_date: summary.start_date,
        start_date_local: summary.start_date_local,
        distance,
        average_speed: round(speed, 3),
        lap_index: 1,
        split: 1,
      },
    ],
    splits_metric: splits,
    best_efforts: [],
    segment_efforts: [],
  };
}
