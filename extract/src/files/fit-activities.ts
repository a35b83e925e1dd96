import type { ParsedFit } from 'fit-file-parser';
import { toStreams, type Point } from '../bulk-export/activity-files.js';
import type {
  FileActivity,
  FileDevice,
  FileSensor,
  FileSwimLength,
  ParsedDeviceFile,
} from './file-activity.js';
import { isIndoor, toSportType } from './file-activity.js';
import { developerFieldNames, readFitFile } from './fit-file.js';
import { summarisePoints } from './point-summary.js';

type Node = Record<string, unknown>;
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const iso = (v: unknown): string | null => {
  const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : null;
};

function device(fit: ParsedFit): FileDevice | null {
  const id = (fit.file_ids?.[0] ?? {}) as Node;
  const creator = ((fit.device_infos ?? []) as Node[]).find((d) => d.device_index === 'creator') ?? {};
  const manufacturer = s(id.manufacturer ?? creator.manufacturer);
  if (manufacturer === null && id.product === undefined && creator.product === undefined) return null;
  return {
    manufacturer,
    product: (id.product ?? creator.product ?? null) as number | string | null,
    product_name: s(id.product_name ?? creator.product_name),
    serial_number: n(id.serial_number ?? creator.serial_number),
    software_version: n(creator.software_version),
  };
}

/** Every paired device but the creator, once per device index (the newest message wins). */
function sensors(fit: ParsedFit): FileSensor[] {
  const byIndex = new Map<string, FileSensor>();
  for (const d of (fit.device_infos ?? []) as Node[]) {
    if (d.device_index === 'creator') continue;
    byIndex.set(String(d.device_index ?? d.serial_number ?? byIndex.size), {
      device_index: (d.device_index ?? null) as number | string | null,
      device_type: (d.device_type ?? null) as string | number | null,
      manufacturer: s(d.manufacturer),
      product: (d.product ?? null) as number | string | null,
      serial_number: n(d.serial_number),
      source_type: s(d.source_type),
      battery_status: s(d.battery_status),
    });
  }
  return [...byIndex.values()];
}

const within = (t: number | undefined, from: number, to: number) => t !== undefined && t >= from && t <= to;

function lengths(fit: ParsedFit, from: number, to: number): FileSwimLength[] {
  return ((fit.lengths ?? []) as Node[])
    .filter((l) => within(l.start_time instanceof Date ? l.start_time.getTime() : undefined, from, to))
    .map((l) => ({
      start_date: iso(l.start_time),
      elapsed_time_s: n(l.total_elapsed_time),
      strokes: n(l.total_strokes),
      swim_stroke: s(l.swim_stroke),
      length_type: s(l.length_type),
    }));
}

/**
 * The activities of a decoded FIT activity file: one per `session` message (a multisport file
 * has several: swim, transition, bike...), each with the records and lengths of its time span,
 * the device (`file_id` / creator `device_info`), the sensors, and the developer fields' session
 * values (their record values stay in the points). A file without sessions is one activity
 * summarised from its records.
 * @throws Error when a session has no start time and the file no records.
 */
export function fitActivities(fit: ParsedFit, points: readonly (Point & { dev?: Node })[]): FileActivity[] {
  const sessions = ((fit.sessions ?? []) as Node[]).filter((x) => x.start_time !== undefined);
  const spans = sessions.length > 0 ? sessions : [{} as Node];
  const names = developerFieldNames(fit);
  const units = new Map(
    (fit.field_descriptions ?? []).map((d) => [String(d.field_name), d.units ?? null] as const),
  );
  return spans.map((session, index) => {
    const from = session.start_time instanceof Date ? session.start_time.getTime() : -Infinity;
    const elapsed = n(session.total_elapsed_time);
    const to = elapsed === null || from === -Infinity ? Infinity : from + elapsed * 1000;
    // each point belongs to the last session started at or before it (the first takes earlier ones)
    const next = spans[index + 1]?.start_time;
    const until = next instanceof Date ? next.getTime() : Infinity;
    const mine = points
      .filter((p) => index === 0 || (p.t !== undefined && p.t >= from))
      .filter((p) => p.t === undefined || p.t < until)
      .map((p) => ({ ...p }));
    const summary = summarisePoints(mine);
    const start = iso(session.start_time) ?? summary.start_date;
    if (start === null) throw new Error(`session ${index} has no start time and no timed records`);
    const sport = s(session.sport ?? ((fit.sports ?? [])[0] as Node | undefined)?.sport);
    const subSport = s(session.sub_sport);
    const developer: Record<string, { units: string | null; value: unknown }> = {};
    for (const name of names)
      developer[name] = { units: units.get(name) ?? null, value: session[name] ?? null };
    const streams = toStreams(mine);
    const devStreams = [...names].filter((name) => mine.some((p) => p.dev?.[name] !== undefined));
    for (const name of devStreams) {
      const data = mine.map((p) => p.dev?.[name] ?? null);
      streams[`dev_${name}`] = { data, series_type: 'time', original_size: data.length, resolution: 'high' };
    }
    const startLat = n(session.start_position_lat) ?? summary.start_latlng?.[0] ?? null;
    const startLng = n(session.start_position_long) ?? summary.start_latlng?.[1] ?? null;
    return {
      format: 'fit',
      session_index: index,
      session_count: spans.length,
      sport,
      sub_sport: subSport,
      sport_type: toSportType(sport, subSport),
      start_date: start,
      elapsed_time_s: Math.round(elapsed ?? summary.elapsed_time_s),
      moving_time_s: Math.round(n(session.total_timer_time) ?? elapsed ?? summary.elapsed_time_s),
      distance_m: n(session.total_distance) ?? summary.distance_m,
      total_elevation_gain_m: n(session.total_ascent),
      average_heartrate_bpm: n(session.avg_heart_rate) ?? summary.average_heartrate_bpm,
      max_heartrate_bpm: n(session.max_heart_rate) ?? summary.max_heartrate_bpm,
      average_cadence_rpm: n(session.avg_cadence) ?? summary.average_cadence_rpm,
      average_watts: n(session.avg_power) ?? summary.average_watts,
      calories_kcal: n(session.total_calories),
      average_speed_m_per_s: n(session.enhanced_avg_speed ?? session.avg_speed),
      max_speed_m_per_s: n(session.enhanced_max_speed ?? session.max_speed),
      start_latlng: startLat !== null && startLng !== null ? [startLat, startLng] : null,
      trainer: isIndoor(subSport),
      pool_length_m: n(session.pool_length),
      lengths: lengths(fit, from, to),
      device: device(fit),
      sensors: sensors(fit),
      developer_fields: developer,
      streams,
    } satisfies FileActivity;
  });
}

/** FIT file types that are activities; any other (`monitoring_b`, `weight`, `settings`...) is skipped. */
const ACTIVITY_TYPES = new Set(['activity']);

/**
 * Parses a FIT file into its activities, or reports it skipped with its `file_id.type` when it is
 * not an activity file (monitoring, weight scale, settings, course...).
 * @throws Error when the bytes are not a readable FIT file.
 */
export async function parseFitActivities(bytes: Buffer): Promise<ParsedDeviceFile> {
  const file = await readFitFile(bytes);
  if (!ACTIVITY_TYPES.has(file.fileType)) return { kind: 'skipped', fileType: file.fileType };
  if (file.points.length === 0 && (file.fit.sessions ?? []).length === 0)
    throw new Error('an activity file without records or sessions');
  return { kind: 'activity', activities: fitActivities(file.fit, file.points) };
}
