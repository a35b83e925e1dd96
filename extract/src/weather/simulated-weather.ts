import { TZDate } from '@date-fns/tz';
import tzLookup from '@photostructure/tz-lookup';
import { HOURLY_VARIABLES } from './constants.js';

/** Units the simulator states, as the real API does for the request's units (`wind_speed_unit=ms`). */
export const SIMULATED_UNITS: Readonly<Record<string, string>> = Object.freeze({
  time: 'iso8601',
  temperature_2m: '°C',
  apparent_temperature: '°C',
  relative_humidity_2m: '%',
  dew_point_2m: '°C',
  precipitation: 'mm',
  cloud_cover: '%',
  wind_speed_10m: 'm/s',
  wind_gusts_10m: 'm/s',
  wind_direction_10m: '°',
  weather_code: 'wmo code',
});

const pad = (n: number) => String(n).padStart(2, '0');
const round1 = (n: number) => Math.round(n * 10) / 10;
/** A deterministic pseudo-random number in [0, 1) from integers (a hash, not a generator). */
function noise(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ Math.round(x * 1000), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/**
 * The IANA zone of a place, as the real API resolves `timezone=auto` ("the coordinates will be
 * automatically resolved to the local time zone", https://open-meteo.com/en/docs/historical-weather-api):
 * `Europe/Berlin` with its summer time, `Australia/Adelaide` with its half-hour offset.
 */
export function autoZone(latitude: number, longitude: number): string {
  return tzLookup(latitude, longitude);
}

/** `GMT+2`, `GMT+9:30`, `GMT-4` (as the API abbreviates fixed offsets). */
export function offsetLabel(offsetS: number): string {
  if (offsetS === 0) return 'GMT';
  const sign = offsetS > 0 ? '+' : '-';
  const h = Math.floor(Math.abs(offsetS) / 3600);
  const m = Math.round((Math.abs(offsetS) % 3600) / 60);
  return `GMT${sign}${h}${m ? `:${pad(m)}` : ''}`;
}

/** The local wall time `YYYY-MM-DDTHH:MM` and offset (s) of an instant in a zone. */
export function wallTime(ms: number, zone: string): { local: string; offsetS: number } {
  const t = new TZDate(ms, zone);
  const local = `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
  return { local, offsetS: -t.getTimezoneOffset() * 60 };
}

/**
 * Deterministic hourly weather for a place and hour: a daily temperature cycle that cools with
 * latitude and season, humidity and dew point consistent with it (Magnus formula), showers on
 * some hours, wind that veers through the day. Same inputs, same numbers, in every run.
 */
export function simulatedHour(
  latitude: number,
  longitude: number,
  utcMs: number,
  localHour: number,
): Record<string, number> {
  const day = Math.floor(utcMs / 86_400_000);
  const season = Math.cos(((day % 365.25) / 365.25) * 2 * Math.PI) * (latitude >= 0 ? -1 : 1);
  const temperature =
    22 -
    Math.abs(latitude) / 3 +
    8 * season +
    5 * Math.sin(((localHour - 9) / 24) * 2 * Math.PI) +
    2 * noise(day, latitude);
  const humidity = Math.min(
    100,
    Math.max(15, 60 - 15 * Math.sin(((localHour - 9) / 24) * 2 * Math.PI) + 20 * noise(day, longitude)),
  );
  const gamma = Math.log(humidity / 100) + (17.62 * temperature) / (243.12 + temperature);
  const dewPoint = (243.12 * gamma) / (17.62 - gamma);
  const cloud = Math.round(100 * noise(day, localHour, latitude));
  const rain = cloud > 80 ? round1(3 * noise(utcMs, longitude)) : 0;
  const wind = 1 + 7 * noise(day, longitude, 7);
  return {
    temperature_2m: round1(temperature),
    apparent_temperature: round1(temperature - 0.7 * wind + 0.05 * (humidity - 50)),
    relative_humidity_2m: Math.round(humidity),
    dew_point_2m: round1(dewPoint),
    precipitation: rain,
    cloud_cover: cloud,
    wind_speed_10m: round1(wind),
    wind_gusts_10m: round1(wind * 1.6),
    wind_direction_10m: Math.round((200 + 15 * localHour + 90 * noise(day, latitude, 3)) % 360),
    weather_code: rain > 1 ? 63 : rain > 0 ? 61 : cloud > 85 ? 3 : cloud > 50 ? 2 : cloud > 20 ? 1 : 0,
  };
}

/** Wind units of the request's `wind_speed_unit`: factor from m/s and the label the API gives. */
const WIND_UNITS: Readonly<Record<string, { factor: number; label: string }>> = {
  ms: { factor: 1, label: 'm/s' },
  kmh: { factor: 3.6, label: 'km/h' },
  kn: { factor: 1.943844, label: 'kn' },
  mph: { factor: 2.236936, label: 'mp/h' },
};

/**
 * The archive response body for a place, local date range and zone, in the real API's shape:
 * one `utc_offset_seconds` for the whole response and every `time` label that offset applied to
 * a consecutive UTC hour, as the API does: it applies no DST change within a response (its
 * maintainers: "The API operates solely in the 'current' timezone, with no DST adjustments applied
 * throughout the time series", https://github.com/open-meteo/open-meteo/issues/1255). The real
 * API takes the offset valid when it is asked; the simulator, to stay deterministic, the offset
 * at the range's start.
 */
export function simulatedArchive(
  latitude: number,
  longitude: number,
  startDate: string,
  endDate: string,
  timezone: string,
  variables: readonly string[] = HOURLY_VARIABLES,
  windUnit = 'kmh',
): Record<string, unknown> {
  const zone = timezone === 'auto' ? autoZone(latitude, longitude) : timezone === 'UTC' ? 'GMT' : timezone;
  const wind = WIND_UNITS[windUnit] ?? WIND_UNITS.kmh!;
  const [sy, sm, sd] = startDate.split('-').map(Number) as [number, number, number];
  const days =
    Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
  const from = new TZDate(sy, sm - 1, sd, 0, 0, 0, zone).getTime();
  const offsetS = wallTime(from, zone).offsetS;
  const time: string[] = [];
  const columns: Record<string, number[]> = Object.fromEntries(variables.map((v) => [v, []]));
  for (let i = 0; i < days * 24; i++) {
    const ms = from + i * 3_600_000;
    const local = new Date(ms + offsetS * 1000).toISOString().slice(0, 16);
    time.push(local);
    const hour = simulatedHour(latitude, longitude, ms, Number(local.slice(11, 13)));
    for (const v of variables) {
      const value = hour[v] ?? 0;
      columns[v]!.push(
        v.startsWith('wind_speed') || v.startsWith('wind_gusts') ? round1(value * wind.factor) : value,
      );
    }
  }
  // the grid: cells of about 0.1°, so the answer's coordinates are not the request's
  const grid = (x: number) => Number((Math.round(x * 10) / 10 + 0.0125).toFixed(6));
  const units: Record<string, string> = {
    ...SIMULATED_UNITS,
    wind_speed_10m: wind.label,
    wind_gusts_10m: wind.label,
  };
  return {
    latitude: grid(latitude),
    longitude: grid(longitude),
    generationtime_ms: 0.5 + noise(latitude, longitude),
    utc_offset_seconds: offsetS,
    timezone: zone,
    timezone_abbreviation: offsetLabel(offsetS),
    elevation: Math.round(Math.abs(latitude * longitude) % 500),
    hourly_units: Object.fromEntries(['time', ...variables].map((v) => [v, units[v] ?? ''])),
    hourly: { time, ...columns },
  };
}
