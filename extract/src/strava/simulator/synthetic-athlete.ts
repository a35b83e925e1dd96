import type { JsonObject } from './simulator-data.js';
import { activitiesOfDay, SYNTHETIC_ATHLETE_ID, type GeneratedActivity } from './synthetic-activities.js';
import { dayIndexOf } from './synthetic-plan.js';

/*
 * SYNTHETIC DATA: the simulator's default athlete (profile, zones, stats) and its history as seen
 * at a given instant. Generating five years takes a few milliseconds and is cached per process.
 */

const generated: GeneratedActivity[] = [];
let generatedDays = 0;

/** Every generated activity that starts before history day `days` (cached, extended on demand). */
function generatedUntil(days: number): readonly GeneratedActivity[] {
  for (; generatedDays < days; generatedDays++) generated.push(...activitiesOfDay(generatedDays));
  return generated;
}

/**
 * The athlete's SummaryActivity list as Strava would serve it at `nowMs`: activities uploaded by
 * then, edits made by then applied, deletions made by then gone. Oldest first.
 */
export function syntheticActivitiesAt(nowMs: number): JsonObject[] {
  const all = generatedUntil(Math.max(0, dayIndexOf(nowMs) + 1));
  const out: JsonObject[] = [];
  for (const a of all) {
    if (a.uploadedAt > nowMs || (a.deletedAt !== undefined && a.deletedAt <= nowMs)) continue;
    out.push(a.edit && a.edit.at <= nowMs ? { ...a.summary, ...a.edit.patch } : a.summary);
  }
  return out;
}

/** The generated activities whose life includes an edit or a deletion (tests pick from these). */
export function syntheticEventsUntil(nowMs: number): {
  readonly edited: readonly GeneratedActivity[];
  readonly deleted: readonly GeneratedActivity[];
} {
  const all = generatedUntil(Math.max(0, dayIndexOf(nowMs) + 1));
  return {
    edited: all.filter((a) => a.edit !== undefined && a.edit.at <= nowMs),
    deleted: all.filter((a) => a.deletedAt !== undefined && a.deletedAt <= nowMs),
  };
}

/** Maximum heart rate of the synthetic athlete (bpm) and its functional threshold power (W). */
const MAX_HR = 192;
const FTP = 250;

/** DetailedAthlete of the synthetic athlete. */
export const SYNTHETIC_ATHLETE: JsonObject = Object.freeze({
  id: SYNTHETIC_ATHLETE_ID,
  username: 'synthetic_athlete',
  resource_state: 3,
  firstname: 'Sam',
  lastname: 'Synthetic',
  bio: 'A generated athlete: the Voyager Strava simulator makes up every activity.',
  city: 'Utrecht',
  state: 'Utrecht',
  country: 'Netherlands',
  sex: 'F',
  premium: false,
  summit: false,
  created_at: '2020-12-28T10:00:00Z',
  updated_at: '2025-01-05T09:00:00Z',
  badge_type_id: 0,
  weight: 64.5,
  profile_medium: 'avatar/athlete/medium.png',
  profile: 'avatar/athlete/large.png',
  follower_count: 42,
  friend_count: 57,
  athlete_type: 1,
  date_preference: '%d/%m/%Y',
  measurement_preference: 'meters',
  clubs: [],
  ftp: FTP,
  bikes: [{ id: 'b1200001', primary: true, name: 'Gravel bike', resource_state: 2, retired: false }],
  shoes: [
    { id: 'g1100001', primary: false, name: 'Road shoes (old)', resource_state: 2, retired: true },
    { id: 'g1100002', primary: true, name: 'Road shoes', resource_state: 2, retired: false },
    { id: 'g1100003', primary: false, name: 'Trail shoes', resource_state: 2, retired: false },
  ],
});

const pct = (p: number) => Math.round(MAX_HR * p);

/** Zones of the synthetic athlete: heart rate at 60/75/85/95% of max (bpm), power at Coggan's % of FTP (W); `max: -1` is open-ended. */
export const SYNTHETIC_ZONES: JsonObject = Object.freeze({
  heart_rate: {
    custom_zones: false,
    zones: [
      { min: 0, max: pct(0.6) },
      { min: pct(0.6), max: pct(0.75) },
      { min: pct(0.75), max: pct(0.85) },
      { min: pct(0.85), max: pct(0.95) },
      { min: pct(0.95), max: -1 },
    ],
  },
  power: {
    zones: [0, 0.55, 0.75, 0.9, 1.05, 1.2, 1.5].map((p, i, all) => ({
      min: Math.round(FTP * p),
      max: i + 1 < all.length ? Math.round(FTP * all[i + 1]!) : -1,
    })),
  },
});

const GROUPS: Record<string, string> = {
  Run: 'run',
  TrailRun: 'run',
  Ride: 'ride',
  VirtualRide: 'ride',
  Swim: 'swim',
};

/** ActivityStats computed from `activities` at `nowMs`: recent (last 4 weeks), year-to-date and all-time totals (metres, seconds). */
export function syntheticStats(activities: readonly JsonObject[], nowMs: number): JsonObject {
  const empty = () => ({ count: 0, distance: 0, moving_time: 0, elapsed_time: 0, elevation_gain: 0 });
  const out: Record<string, ReturnType<typeof empty>> = {};
  for (const scope of ['recent', 'ytd', 'all'])
    for (const g of ['ride', 'run', 'swim']) out[`${scope}_${g}_totals`] = empty();
  const year = new Date(nowMs).getUTCFullYear();
  for (const a of activities) {
    const group = GROUPS[String(a.sport_type)];
    if (!group) continue;
    const start = Date.parse(String(a.start_date));
    const scopes = ['all'];
    if (new Date(start).getUTCFullYear() === year) scopes.push('ytd');
    if (nowMs - start <= 28 * 86_400_000) scopes.push('recent');
    for (const scope of scopes) {
      const t = out[`${scope}_${group}_totals`]!;
      t.count++;
      t.distance += Number(a.distance);
      t.moving_time += Number(a.moving_time);
      t.elapsed_time += Number(a.elapsed_time);
      t.elevation_gain += Number(a.total_elevation_gain ?? 0);
    }
  }
  for (const t of Object.values(out)) {
    t.distance = Math.round(t.distance * 10) / 10;
    t.elevation_gain = Math.round(t.elevation_gain * 10) / 10;
  }
  const longest = activities.filter((a) => GROUPS[String(a.sport_type)] === 'ride');
  return {
    biggest_ride_distance: Math.max(0, ...longest.map((a) => Number(a.distance))),
    biggest_climb_elevation_gain: Math.max(0, ...longest.map((a) => Number(a.total_elevation_gain ?? 0))),
    ...out,
  };
}
