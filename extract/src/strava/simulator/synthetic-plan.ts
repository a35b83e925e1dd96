import { seededRandom } from './seeded-random.js';

/*
 * SYNTHETIC DATA: the training plan of the simulator's default athlete, a fictional amateur
 * runner and cyclist in Utrecht. Every value comes from this file's rules and a seeded random
 * sequence per day, so day N always yields the same sessions.
 */

/** One planned session: what the athlete did, when (local wall time), how far and how hard. */
export interface Session {
  readonly sport: SportType;
  /** Strava's `workout_type`: runs 0 default, 1 race, 2 long run, 3 workout; rides 10 default, 11 race, 12 workout. */
  readonly workoutType: number | null;
  readonly name: string;
  /** Local start, minutes after midnight. */
  readonly startMinute: number;
  /** Metres (0 for weight training). */
  readonly distanceM: number;
  /** Moving time in seconds. */
  readonly movingS: number;
  /** Average heart rate in bpm, or `undefined` when no strap was worn. */
  readonly heartRateBpm: number | undefined;
  /** Metres climbed. */
  readonly elevationGainM: number;
  readonly commute: boolean;
}

/** The sport types the synthetic athlete does (Strava `sport_type` values). */
export type SportType =
  | 'Run'
  | 'TrailRun'
  | 'Ride'
  | 'VirtualRide'
  | 'Swim'
  | 'Hike'
  | 'Walk'
  | 'NordicSki'
  | 'AlpineSki'
  | 'WeightTraining';

/** First day of the synthetic history (a Monday, UTC date). */
export const SYNTHETIC_HISTORY_START = '2021-01-04';

const DAY_MS = 86_400_000;
const START_MS = Date.parse(`${SYNTHETIC_HISTORY_START}T00:00:00Z`);

/** The UTC midnight of day `index` of the history. */
export const dayStartMs = (index: number): number => START_MS + index * DAY_MS;

/** The history day an instant falls on (negative before the start). */
export const dayIndexOf = (ms: number): number => Math.floor((ms - START_MS) / DAY_MS);

/** ISO week number (1..53) of a UTC date. */
function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  return Math.ceil(((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS + 1) / 7);
}

const partOfDay = (minute: number): string =>
  minute < 11 * 60 ? 'Morning' : minute < 14 * 60 ? 'Lunch' : minute < 18 * 60 ? 'Afternoon' : 'Evening';

/** Fitness grows ~12% over four years, plus a small summer peak: a speed factor around 1. */
function fitness(index: number, month: number): number {
  return (1 + 0.12 * Math.min(1, index / 1461)) * (1 + 0.025 * Math.sin(((month - 3) / 12) * 2 * Math.PI));
}

/** The sessions of history day `index`, in start order (deterministic). */
export function sessionsOfDay(index: number): Session[] {
  const date = new Date(dayStartMs(index));
  const rand = seededRandom(0x5eed + index * 7919);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const dow = date.getUTCDay(); // 0 Sunday
  const month = date.getUTCMonth() + 1;
  const week = isoWeek(date);
  const fit = fitness(index, month);
  const out: Session[] = [];
  const add = (
    sport: SportType,
    workoutType: number | null,
    label: string | undefined,
    startMinute: number,
    distanceM: number,
    speed: number,
    heartRateBpm: number | undefined,
    climbPerKm: number,
    commute = false,
  ) => {
    const minute = Math.round(startMinute + between(-20, 20));
    out.push({
      sport,
      workoutType,
      name: label ?? `${partOfDay(minute)} ${sport === 'WeightTraining' ? 'Weight Training' : sport}`,
      startMinute: minute,
      // speed 0: a session without distance, `distanceM` holds its duration in seconds
      distanceM: speed > 0 ? Math.round(distanceM * 10) / 10 : 0,
      movingS: Math.round(speed > 0 ? distanceM / speed : distanceM),
      heartRateBpm: heartRateBpm === undefined ? undefined : Math.round(heartRateBpm + between(-4, 4)),
      elevationGainM: Math.round((distanceM / 1000) * climbPerKm * between(0.6, 1.4) * 10) / 10,
      commute,
    });
  };
  const runSpeed = 2.72 * fit; // easy pace ~6:08/km at the start
  if (week === 7 && dow >= 1 && dow <= 6) {
    // ski week in February
    if (dow === 6) add('NordicSki', null, undefined, 600, between(12_000, 22_000), 3.1 * fit, 148, 12);
    else add('AlpineSki', null, undefined, 570, between(25_000, 42_000), 5.5, 118, 0);
  } else if (week === 32 || week === 33) {
    // summer holiday: a hike every day
    if (rand() < 0.8) add('Hike', null, undefined, 570, between(9_000, 19_000), 1.15, 122, between(35, 80));
  } else {
    if (dow === 1 && rand() < 0.35) add('WeightTraining', null, undefined, 1080, 2_900, 0, 108, 0);
    if (dow === 2 && rand() < 0.75)
      add('Run', 3, 'Intervals', 1110, between(8_000, 11_500), runSpeed * 1.12, 158, 4);
    if (dow === 3 && rand() < 0.6) {
      add('Ride', 10, undefined, 470, between(8_200, 8_700), 6.1, 124, 2, true);
      add('Ride', 10, undefined, 1040, between(8_200, 8_700), 5.9, 121, 2, true);
    }
    if (dow === 4 && rand() < 0.7) add('Run', 0, undefined, 1110, between(6_000, 10_500), runSpeed, 143, 5);
    if (dow === 5 && rand() < (month >= 5 && month <= 9 ? 0.5 : 0.25))
      add('Swim', null, undefined, 420, Math.round(between(15, 31)) * 100, 0.72 * fit, undefined, 0);
    if (dow === 6) {
      if (month >= 4 && month <= 10 && rand() < 0.75)
        add('Ride', 10, undefined, 540, between(45_000, 115_000), 7.4 * fit, 136, 6);
      else if (rand() < 0.5)
        add('VirtualRide', 10, 'Zwift ride', 600, between(28_000, 48_000), 8.6 * fit, 139, 7);
      else if (rand() < 0.3) add('Hike', null, undefined, 600, between(8_000, 15_000), 1.25, 118, 25);
    }
    if (dow === 0) {
      if (week === 15 || week === 41) {
        const half = week === 41;
        add(
          'Run',
          1,
          half ? 'Utrecht Half Marathon' : 'Spring 10K race',
          570,
          half ? 21_097.5 + between(40, 260) : 10_000 + between(20, 140),
          runSpeed * (half ? 1.2 : 1.26),
          half ? 168 : 172,
          2,
        );
      } else if (rand() < 0.8) {
        const trail = rand() < 0.15;
        add(
          trail ? 'TrailRun' : 'Run',
          2,
          trail ? 'Trail long run' : 'Long Run',
          570,
          between(14_000, 24_000),
          runSpeed * (trail ? 0.86 : 0.98),
          148,
          trail ? 22 : 4,
        );
      }
    }
  }
  if (rand() < 0.05) add('Walk', null, undefined, 750, between(2_500, 6_000), 1.4, 98, 3);
  return out.sort((a, b) => a.startMinute - b.startMinute);
}
