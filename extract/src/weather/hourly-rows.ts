import type { ArchiveResponse } from './schemas.js';

/** One hour of weather at a place: the UTC instant, the local wall time it was asked in, the values and their units. */
export interface HourlyWeather {
  /** ISO UTC instant of the hour's start, `2025-06-14T22:00:00Z`. */
  readonly hour_utc: string;
  /** The local wall-clock time Open-Meteo gave, `2025-06-15T00:00` (in `timezone`). */
  readonly hour_local: string;
  readonly timezone: string;
  /** The offset the API applied to the whole response (`utc_offset_seconds`), seconds. */
  readonly utc_offset_s: number;
  /** Grid cell the values are for (not the requested point). */
  readonly grid_latitude: number;
  readonly grid_longitude: number;
  readonly elevation_m: number;
  /** Variable name -> value (null when the API had none). */
  readonly values: Readonly<Record<string, number | null>>;
  /** Variable name -> unit, as `hourly_units` says (`°C`, `m/s`, `mm`, `%`, `°`, `wmo code`). */
  readonly units: Readonly<Record<string, string>>;
}

/** Thrown for a response whose hours cannot be placed in time. */
export class HourlyWeatherError extends Error {
  constructor(reason: string) {
    super(`Open-Meteo response: ${reason}`);
    this.name = 'HourlyWeatherError';
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant of a local wall time the API labelled with `utc_offset_seconds`. The API applies
 * that one offset to the whole response (the recorded Adelaide response of January says +9:30,
 * while the zone's summer time is +10:30), so it, not the zone's rules, places every hour: a
 * range across a DST change stays consecutive hours, and half-hour offsets are exact.
 * @throws HourlyWeatherError for a time that is not `YYYY-MM-DDTHH:MM`.
 */
export function localToUtc(local: string, utcOffsetS: number): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new HourlyWeatherError(`hourly time "${local}" is not YYYY-MM-DDTHH:MM`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - utcOffsetS * 1000);
}

/**
 * The hours of a response, one row per `hourly.time` index across the parallel arrays, with the
 * UTC instant of each and the units of every variable (none for a daily-only response).
 * @throws HourlyWeatherError when a variable's array is not as long as `time`, or a time is malformed.
 */
export function hourlyRows(response: ArchiveResponse): HourlyWeather[] {
  if (!response.hourly) return [];
  const { time, ...variables } = response.hourly;
  for (const [name, values] of Object.entries(variables))
    if (values.length !== time.length)
      throw new HourlyWeatherError(`hourly.${name} has ${values.length} values for ${time.length} hours`);
  const units = Object.fromEntries(Object.entries(response.hourly_units ?? {}).filter(([k]) => k !== 'time'));
  return time.map((local, i) => {
    const utc = localToUtc(local, response.utc_offset_seconds);
    return {
      hour_utc: utc.toISOString().replace('.000Z', 'Z'),
      hour_local: local,
      timezone: response.timezone,
      utc_offset_s: response.utc_offset_seconds,
      grid_latitude: response.latitude,
      grid_longitude: response.longitude,
      elevation_m: response.elevation,
      values: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v[i] ?? null])),
      units,
    };
  });
}
