import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { gpxPoints, tcxPoints, toStreams, type Point } from '../bulk-export/activity-files.js';
import type { FileActivity, ParsedDeviceFile } from './file-activity.js';
import { toSportType } from './file-activity.js';
import { parseFitActivities } from './fit-activities.js';
import { summarisePoints } from './point-summary.js';

/** Thrown for a device file that cannot be read: its name and one line on why (quarantine reason). */
export class DeviceFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DeviceFileError';
  }
}

const sportXml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });

/** The sport word of a GPX (`trk/type`) or TCX (`Activity@Sport`) document, if any. */
function xmlSport(format: 'gpx' | 'tcx', text: string): string | null {
  const doc = sportXml.parse(text.replace(/^\uFEFF/, '')) as Record<string, Record<string, unknown>>;
  const pick = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
  if (format === 'gpx') {
    const trk = pick(doc.gpx?.trk) as Record<string, unknown> | undefined;
    return typeof trk?.type === 'string' || typeof trk?.type === 'number' ? String(trk.type) : null;
  }
  const activities = (doc.TrainingCenterDatabase?.Activities ?? {}) as Record<string, unknown>;
  const sport = (pick(activities.Activity) as Record<string, unknown> | undefined)?.['@Sport'];
  return typeof sport === 'string' ? sport : null;
}

function xmlActivity(format: 'gpx' | 'tcx', text: string, points: Point[]): FileActivity {
  const streams = toStreams(points);
  const summary = summarisePoints(points);
  if (summary.start_date === null) throw new Error('no timed track points');
  const sport = xmlSport(format, text);
  return {
    format,
    session_index: 0,
    session_count: 1,
    sport,
    sub_sport: null,
    sport_type: toSportType(sport),
    start_date: summary.start_date,
    elapsed_time_s: summary.elapsed_time_s,
    moving_time_s: summary.elapsed_time_s,
    distance_m: summary.distance_m,
    total_elevation_gain_m: null,
    average_heartrate_bpm: summary.average_heartrate_bpm,
    max_heartrate_bpm: summary.max_heartrate_bpm,
    average_cadence_rpm: summary.average_cadence_rpm,
    average_watts: summary.average_watts,
    calories_kcal: null,
    average_speed_m_per_s: null,
    max_speed_m_per_s: null,
    start_latlng: summary.start_latlng,
    trainer: false,
    pool_length_m: null,
    lengths: [],
    device: null,
    sensors: [],
    developer_fields: {},
    streams,
  };
}

/**
 * Parses a device file by its name: `.fit` (fit-file-parser), `.gpx` / `.tcx` (fast-xml-parser),
 * each maybe `.gz`. A FIT file of another type than activity is `{ kind: 'skipped', fileType }`.
 * @throws DeviceFileError naming the file and what was wrong (not a device file, corrupt, no points).
 */
export async function parseDeviceFile(name: string, bytes: Buffer): Promise<ParsedDeviceFile> {
  const lower = name.toLowerCase();
  const format = /\.(fit|gpx|tcx)(\.gz)?$/.exec(lower)?.[1] as 'fit' | 'gpx' | 'tcx' | undefined;
  if (!format) throw new DeviceFileError(name, 'not a .fit, .gpx or .tcx file');
  try {
    const body = lower.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    if (format === 'fit') return await parseFitActivities(body);
    const text = body.toString('utf8');
    const points = format === 'gpx' ? gpxPoints(text) : tcxPoints(text);
    if (points.length === 0) throw new DeviceFileError(name, 'no track points');
    return { kind: 'activity', activities: [xmlActivity(format, text, points)] };
  } catch (error) {
    if (error instanceof DeviceFileError) throw error;
    throw new DeviceFileError(name, `corrupt ${format.toUpperCase()} (${(error as Error).message})`);
  }
}
