import type { JsonObject } from './simulator-data.js';
import { round, seededRandom } from './seeded-random.js';
import { dayStartMs, sessionsOfDay, type Session } from './synthetic-plan.js';

/*
 * SYNTHETIC DATA: the SummaryActivity history of the simulator's default athlete, with what
 * happens to it over time: an activity appears once uploaded (its end plus a few minutes), a few
 * are edited one to three days later (renamed, re-typed, marked as commute), and a few are
 * duplicate uploads the athlete deletes two hours later.
 */

/** Id of the synthetic athlete. */
export const SYNTHETIC_ATHLETE_ID = 73_400_215;

/** Home of the synthetic athlete (Utrecht, NL): start of its GPS activities. */
export const SYNTHETIC_HOME: readonly [number, number] = [52.0907, 5.1214];

/** One generated activity and its life: upload, optional edit, optional deletion (epoch ms). */
export interface GeneratedActivity {
  readonly summary: JsonObject;
  readonly uploadedAt: number;
  readonly edit?: { readonly at: number; readonly patch: JsonObject };
  readonly deletedAt?: number;
}

const GEAR: Partial<Record<string, (year: number) => string>> = {
  Run: (y) => (y < 2023 ? 'g1100001' : 'g1100002'),
  TrailRun: () => 'g1100003',
  Ride: () => 'b1200001',
  VirtualRide: () => 'b1200001',
};

/** Strava's UTC offset for Europe/Amsterdam: CEST between the last Sundays of March and October, 01:00 UTC (EU Directive 2000/84/EC). */
function amsterdamOffsetS(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0, 1));
    return d.getTime() - d.getUTCDay() * 86_400_000;
  };
  return utcMs >= lastSunday(2) && utcMs < lastSunday(9) ? 7200 : 3600;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const GPS_FREE = new Set(['Swim', 'VirtualRide', 'WeightTraining']);
const HAS_DISTANCE_TYPE: Record<string, string> = { TrailRun: 'Run', VirtualRide: 'VirtualRide' };

function summaryOf(session: Session, day: number, slot: number): JsonObject {
  const id = 4_600_000_000 + day * 1_000 + slot * 10;
  const rand = seededRandom(id % 2 ** 31);
  const localMidnight = dayStartMs(day);
  const approx = localMidnight + session.startMinute * 60_000;
  const offset = amsterdamOffsetS(approx - 3_600_000);
  const startMs = approx - offset * 1000;
  const moving = session.movingS;
  const elapsed = Math.round(moving * (session.sport === 'AlpineSki' ? 1.6 : 1 + 0.02 + rand() * 0.08));
  const speed = moving > 0 ? session.distanceM / moving : 0;
  const gps = !GPS_FREE.has(session.sport);
  const start = gps
    ? [
        round(SYNTHETIC_HOME[0] + (rand() - 0.5) * 0.02, 6),
        round(SYNTHETIC_HOME[1] + (rand() - 0.5) * 0.02, 6),
      ]
    : [];
  const loop = session.commute && session.startMinute > 12 * 60 ? [52.0853, 5.1735] : start;
  const hr = session.heartRateBpm;
  const isRide = session.sport === 'Ride' || session.sport === 'VirtualRide';
  const isRun = session.sport === 'Run' || session.sport === 'TrailRun';
  const gear = GEAR[session.sport]?.(new Date(startMs).getUTCFullYear()) ?? null;
  return {
    resource_state: 2,
    athlete: { id: SYNTHETIC_ATHLETE_ID, resource_state: 1 },
    name: session.name,
    distance: session.distanceM,
    moving_time: moving,
    elapsed_time: elapsed,
    total_elevation_gain: session.elevationGainM,
    type: HAS_DISTANCE_TYPE[session.sport] ?? session.sport,
    sport_type: session.sport,
    workout_type: session.workoutType,
    id,
    start_date: iso(startMs),
    start_date_local: iso(startMs + offset * 1000),
    timezone: '(GMT+01:00) Europe/Amsterdam',
    utc_offset: offset,
    location_city: null,
    location_state: null,
    location_country: 'Netherlands',
    achievement_count: Math.floor(rand() * 3),
    kudos_count: Math.floor(rand() * 14),
    comment_count: Math.floor(rand() * 2),
    athlete_count: session.commute ? 1 : 1 + Math.floor(rand() * 1.4),
    photo_count: 0,
    map: { id: `a${id}`, summary_polyline: '', resource_state: 2 },
    trainer: session.sport === 'VirtualRide',
    commute: session.commute,
    manual: false,
    private: false,
    visibility: 'everyone',
    flagged: false,
    gear_id: gear,
    start_latlng: start,
    end_latlng: loop,
    average_speed: round(speed, 3),
    max_speed: round(speed * (1.3 + rand() * 0.5), 3),
    ...(isRun ? { average_cadence: round(84 + rand() * 6, 1) } : {}),
    ...(isRide
      ? {
          average_cadence: round(82 + rand() * 10, 1),
          average_watts: round(120 + speed * 14 + rand() * 20, 1),
          kilojoules: round(((120 + speed * 14) * moving) / 1000, 1),
          device_watts: session.sport === 'VirtualRide',
        }
      : {}),
    ...(gps && session.sport !== 'AlpineSki' ? { average_temp: Math.round(8 + rand() * 14) } : {}),
    has_heartrate: hr !== undefined,
    ...(hr !== undefined
      ? {
          average_heartrate: hr,
          max_heartrate: Math.min(192, hr + 10 + Math.round(rand() * 16)),
          heartrate_opt_out: false,
          display_hide_heartrate_option: true,
          suffer_score: Math.round((moving / 60) * Math.max(0.2, (hr - 100) / 40)),
        }
      : {}),
    elev_high: gps ? round(4 + session.elevationGainM / 2, 1) : null,
    elev_low: gps ? round(-2 + rand() * 3, 1) : null,
    upload_id: id + 700_000_000,
    upload_id_str: String(id + 700_000_000),
    external_id: `garmin_ping_${id - 4_000_000_000}`,
    from_accepted_tag: false,
    pr_count: session.workoutType === 1 ? 3 : 0,
    total_photo_count: 0,
    has_kudoed: false,
  };
}

/** Edits the athlete makes to some activities after upload (about 1 in 150). */
function editOf(summary: JsonObject, r: number): JsonObject {
  if (summary.sport_type === 'Run' && r < 0.0025)
    return { sport_type: 'TrailRun', name: 'Trail run in the dunes' };
  if (summary.sport_type === 'Ride' && r < 0.0025) return { commute: true, name: 'Ride to the office' };
  return { name: `${String(summary.name)} with friends` };
}

/** Every activity of history day `index`, with its life (deterministic). */
export function activitiesOfDay(index: number): GeneratedActivity[] {
  const out: GeneratedActivity[] = [];
  sessionsOfDay(index).forEach((session, slot) => {
    const summary = summaryOf(session, index, slot);
    const startMs = Date.parse(String(summary.start_date));
    const uploadedAt = startMs + (Number(summary.elapsed_time) + 300) * 1000;
    const r = seededRandom(Number(summary.id) * 31 + 7)();
    if (r < 0.007) {
      const at = uploadedAt + (1 + Math.floor(r * 400)) * 86_400_000;
      out.push({ summary, uploadedAt, edit: { at, patch: editOf(summary, r) } });
    } else out.push({ summary, uploadedAt });
    if (r > 0.996) {
      // the same session uploaded again from the phone app, deleted by the athlete two hours later
      const duplicate = {
        ...summary,
        id: Number(summary.id) + 1,
        upload_id: Number(summary.upload_id) + 1,
        upload_id_str: String(Number(summary.upload_id) + 1),
        external_id: `strava_app_${Number(summary.id) + 1}`,
        map: { id: `a${Number(summary.id) + 1}`, summary_polyline: '', resource_state: 2 },
      };
      out.push({ summary: duplicate, uploadedAt: uploadedAt + 60_000, deletedAt: uploadedAt + 7_200_000 });
    }
  });
  return out;
}
