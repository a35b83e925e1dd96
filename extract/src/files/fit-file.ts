import FitParser, { type ParsedFit } from 'fit-file-parser';
import { instant, num, type Point } from '../bulk-export/activity-files.js';

/** A decoded FIT file: the library's messages, its `file_id` type and every record as a point. */
export interface FitFile {
  readonly fit: ParsedFit;
  /** FIT `file_id.type` (`activity`, `monitoring_b`, `weight`, `settings`...); `activity` when absent. */
  readonly fileType: string;
  /** The `record` messages as track points (epoch ms, degrees, metres, m/s, bpm, rpm, W, °C). */
  readonly points: Point[];
}

type Node = Record<string, unknown>;

/** A `record` message as a point; developer fields (named by their `field_description`) kept in `dev`. */
export function fitRecordPoint(r: Node, developerNames: ReadonlySet<string>): Point & { dev?: Node } {
  const point: Point & { dev?: Node } = {
    t: instant(r.timestamp),
    lat: num(r.position_lat),
    lng: num(r.position_long),
    alt: num(r.enhanced_altitude ?? r.altitude),
    dist: num(r.distance),
    hr: num(r.heart_rate),
    cad: num(r.cadence),
    watts: num(r.power),
    temp: num(r.temperature),
    speed: num(r.enhanced_speed ?? r.speed),
  };
  for (const name of developerNames) if (r[name] !== undefined) (point.dev ??= {})[name] = r[name];
  return point;
}

/** Names of the developer (Connect IQ) fields a file declares (`field_description.field_name`). */
export function developerFieldNames(fit: ParsedFit): Set<string> {
  return new Set(
    (fit.field_descriptions ?? []).map((d) => d.field_name).filter((n): n is string => typeof n === 'string'),
  );
}

/**
 * Decodes a FIT file with fit-file-parser (https://github.com/jimmykane/fit-parser; units m, m/s,
 * °C; `list` mode) into its messages, its type and its record points.
 * @throws Error with the library's message when the bytes are not a valid FIT file (bad header,
 * CRC, truncated data).
 */
export async function readFitFile(bytes: Buffer): Promise<FitFile> {
  const parser = new FitParser({
    force: false,
    speedUnit: 'm/s',
    lengthUnit: 'm',
    temperatureUnit: 'celsius',
    mode: 'list',
  });
  const fit = await parser.parseAsync(bytes as Buffer<ArrayBuffer>).catch((e: unknown) => {
    throw new Error(e instanceof Error ? e.message : String(e));
  });
  const type = fit.file_ids?.[0]?.type;
  const names = developerFieldNames(fit);
  return {
    fit,
    fileType: type === undefined ? 'activity' : String(type),
    points: (fit.records ?? []).map((r) => fitRecordPoint(r as Node, names)),
  };
}
