import { num, round } from './seeded-random.js';
import type { JsonObject } from './simulator-data.js';
import { stepSeconds } from './synthetic-streams.js';

/*
 * SYNTHETIC DATA. The DetailedActivity of an activity the simulator has no recording of, derived
 * from its SummaryActivity: laps (auto-lap per km for runs, per 10 km for rides, one otherwise),
 * metric splits, and the best efforts Strava computes for runs. Marked `"synthetic": true`.
 */

/** Strava's best-effort distances for runs (name, metres). */
const BEST_EFFORTS: readonly (readonly [string, number])[] = [
  ['400m', 400],
  ['1/2 mile', 805],
  ['1K', 1000],
  ['1 mile', 1609],
  ['2 mile', 3219],
  ['5K', 5000],
  ['10K', 10000],
  ['15K', 15000],
  ['10 mile', 16090],
  ['20K', 20000],
  ['Half-Marathon', 21097],
  ['30K', 30000],
  ['Marathon', 42195],
];

/** A shorter best effort is run a little faster than the activity's average. */
const effortBoost = (metres: number): number =>
  metres <= 1609 ? 1.1 : metres <= 5000 ? 1.06 : metres <= 16090 ? 1.03 : 1;

const isoPlus = (iso: unknown, seconds: number): string =>
  new Date(Date.parse(String(iso)) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A DetailedActivity for `summary` (see the file comment). */
export function syntheticDetail(summary: JsonObject): JsonObject {
  const id = Number(summary.id);
  const distance = num(summary.distance) ?? 0;
  const moving = num(summary.moving_time) ?? 0;
  const elapsed = num(summary.elapsed_time) ?? moving;
  const speed = moving > 0 ? distance / moving : 0;
  const step = stepSeconds(Math.max(1, elapsed));
  const sport = String(summary.sport_type ?? summary.type ?? '');
  const isRun = /Run$/.test(sport);
  const lapLength = isRun ? 1000 : /Ride$/.test(sport) ? 10_000 : Math.max(distance, 1);
  const hr = num(summary.average_heartrate);
  const ref = { activity: { id, resource_state: 1 }, athlete: summary.athlete };
  const laps: JsonObject[] = [];
  const splits: JsonObject[] = [];
  for (let done = 0, i = 1; done < distance || (i === 1 && distance === 0); done += lapLength, i++) {
    const d = distance === 0 ? 0 : Math.min(lapLength, distance - done);
    const t = speed > 0 ? Math.round(d / speed) : elapsed;
    const at = speed > 0 ? Math.round(done / speed) : 0;
    laps.push({
      id: id * 100 + i,
      resource_state: 2,
      name: `Lap ${i}`,
      ...ref,
      elapsed_time: t,
      moving_time: t,
      start_date: isoPlus(summary.start_date, at),
      start_date_local: isoPlus(summary.start_date_local ?? summary.start_date, at),
      distance: round(d, 1),
      average_speed: round(speed, 3),
      lap_index: i,
      split: i,
      start_index: Math.round(at / step),
      end_index: Math.round((at + t) / step),
      ...(hr !== undefined ? { average_heartrate: round(hr + ((i % 3) - 1) * 2, 1) } : {}),
    });
  }
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
  const efforts = isRun
    ? BEST_EFFORTS.filter(([, m]) => m <= distance).map(([name, m], k) => {
        const t = Math.round(m / (speed * effortBoost(m)));
        return {
          id: id * 100 + 50 + k,
          resource_state: 2,
          name,
          ...ref,
          elapsed_time: t,
          moving_time: t,
          start_date: summary.start_date,
          start_date_local: summary.start_date_local,
          distance: m,
          pr_rank: summary.workout_type === 1 ? 1 : null,
          achievements: [],
          start_index: 0,
          end_index: Math.round(t / step),
        };
      })
    : [];
  return {
    ...summary,
    resource_state: 3,
    synthetic: true,
    description: null,
    calories: round((distance / 1000) * 60 + moving / 60, 1),
    device_name: summary.trainer === true ? 'Zwift' : 'Garmin Forerunner 255',
    laps,
    splits_metric: splits,
    best_efforts: efforts,
    segment_efforts: [],
  };
}
