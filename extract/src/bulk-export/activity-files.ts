import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { readFitFile } from '../files/fit-file.js';

/** Streams keyed by type, as the API's `key_by_type=true` StreamSet (only those that exist). */
export type FileStreams = Record<
  string,
  { data: unknown[]; series_type: 'distance' | 'time'; original_size: number; resolution: 'high' }
>;

/** A parsed activity file. */
export interface ParsedActivityFile {
  readonly format: 'fit' | 'gpx' | 'tcx';
  readonly streams: FileStreams;
}

/** Thrown for a file that cannot be parsed (truncated, not the format its name says, no points). */
export class ActivityFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ActivityFileError';
  }
}

/** One track point of a device file, before it becomes streams. */
export interface Point {
  t?: number; // epoch ms
  lat?: number;
  lng?: number;
  alt?: number;
  dist?: number; // m
  hr?: number; // bpm
  cad?: number;
  watts?: number;
  temp?: number; // °C
  speed?: number; // m/s
}

const R = 6_371_000;
function haversine(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat! - a.lat!) * rad;
  const dLng = (b.lng! - a.lng!) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat! * rad) * Math.cos(b.lat! * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** A finite number from a number or numeric string, else `undefined`. */
export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** Epoch ms of a file's timestamp; `undefined` when absent or unparsable (never NaN, which would land as null times). */
export const instant = (v: unknown): number | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  const ms = Date.parse(String(v));
  return Number.isFinite(ms) ? ms : undefined;
};

/** Points to streams: time (s from the first point), distance (m; summed from positions when the file lacks it), ... */
export function toStreams(points: Point[]): FileStreams {
  const withPos = points.filter((p) => p.lat !== undefined && p.lng !== undefined);
  if (points.every((p) => p.dist === undefined) && withPos.length === points.length) {
    let total = 0;
    points.forEach((p, i) => {
      if (i > 0) total += haversine(points[i - 1]!, p);
      p.dist = Math.round(total * 10) / 10;
    });
  }
  const t0 = points.find((p) => p.t !== undefined)?.t;
  const out: FileStreams = {};
  const add = (key: string, values: (unknown | undefined)[]) => {
    if (values.every((v) => v === undefined)) return;
    const data = values.map((v) => v ?? null);
    out[key] = {
      data,
      series_type: t0 === undefined ? 'distance' : 'time',
      original_size: data.length,
      resolution: 'high',
    };
  };
  add(
    'time',
    points.map((p) => (p.t === undefined || t0 === undefined ? undefined : Math.round((p.t - t0) / 1000))),
  );
  add(
    'latlng',
    points.map((p) => (p.lat === undefined || p.lng === undefined ? undefined : [p.lat, p.lng])),
  );
  add(
    'distance',
    points.map((p) => p.dist),
  );
  add(
    'altitude',
    points.map((p) => p.alt),
  );
  add(
    'velocity_smooth',
    points.map((p) => p.speed),
  );
  add(
    'heartrate',
    points.map((p) => p.hr),
  );
  add(
    'cadence',
    points.map((p) => p.cad),
  );
  add(
    'watts',
    points.map((p) => p.watts),
  );
  add(
    'temp',
    points.map((p) => p.temp),
  );
  return out;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['trk', 'trkseg', 'trkpt', 'Lap', 'Track', 'Trackpoint', 'Activity'].includes(name),
});
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
type Node = Record<string, unknown>;

/** The track points of a GPX document (every `trk`/`trkseg`/`trkpt`, Garmin TrackPointExtension). */
export function gpxPoints(text: string): Point[] {
  const doc = xml.parse(text) as { gpx?: { trk?: Node[] } };
  if (!doc.gpx) throw new Error('not a GPX document');
  return list(doc.gpx.trk).flatMap((trk) =>
    list(trk.trkseg as Node[]).flatMap((seg) =>
      list(seg.trkpt as Node[]).map((p) => {
        const ext = ((p.extensions as Node | undefined)?.TrackPointExtension ?? {}) as Node;
        return {
          t: instant(p.time),
          lat: num(p['@lat']),
          lng: num(p['@lon']),
          alt: num(p.ele),
          hr: num(ext.hr),
          cad: num(ext.cad),
          temp: num(ext.atemp),
          watts: num((p.extensions as Node | undefined)?.power),
        };
      }),
    ),
  );
}

/** The track points of a TCX document (every Activity/Lap/Track/Trackpoint). */
export function tcxPoints(text: string): Point[] {
  const doc = xml.parse(text.replace(/^\uFEFF/, '')) as {
    TrainingCenterDatabase?: { Activities?: { Activity?: Node[] } };
  };
  if (!doc.TrainingCenterDatabase) throw new Error('not a TCX document');
  return list(doc.TrainingCenterDatabase.Activities?.Activity).flatMap((a) =>
    list(a.Lap as Node[]).flatMap((lap) =>
      list(lap.Track as Node[]).flatMap((track) =>
        list(track.Trackpoint as Node[]).map((p) => {
          const pos = (p.Position ?? {}) as Node;
          const tpx = ((p.Extensions as Node | undefined)?.TPX ?? {}) as Node;
          return {
            t: instant(p.Time),
            lat: num(pos.LatitudeDegrees),
            lng: num(pos.LongitudeDegrees),
            alt: num(p.AltitudeMeters),
            dist: num(p.DistanceMeters),
            hr: num((p.HeartRateBpm as Node | undefined)?.Value),
            cad: num(p.Cadence ?? tpx.RunCadence),
            watts: num(tpx.Watts),
            speed: num(tpx.Speed),
          };
        }),
      ),
    ),
  );
}

/**
 * Parses a `.fit` (fit-file-parser), `.gpx` or `.tcx` (fast-xml-parser) file, gzipped or not
 * (`.gz` suffix), into API-shaped streams.
 * @throws ActivityFileError naming the file and what was wrong.
 */
export async function parseActivityFile(name: string, bytes: Buffer): Promise<ParsedActivityFile> {
  const lower = name.toLowerCase();
  const format = (/\.(fit|gpx|tcx)(\.gz)?$/.exec(lower)?.[1] ?? '') as 'fit' | 'gpx' | 'tcx' | '';
  if (!format) throw new ActivityFileError(name, 'not a .fit, .gpx or .tcx file');
  let points: Point[];
  try {
    const body = lower.endsWith('.gz') ? gunzipSync(bytes) : bytes;
    points =
      format === 'fit'
        ? (await readFitFile(body)).points
        : format === 'gpx'
          ? gpxPoints(body.toString('utf8'))
          : tcxPoints(body.toString('utf8'));
  } catch (error) {
    throw new ActivityFileError(name, `corrupt ${format.toUpperCase()} (${(error as Error).message})`);
  }
  if (points.length === 0) throw new ActivityFileError(name, 'no track points');
  return { format, streams: toStreams(points) };
}
