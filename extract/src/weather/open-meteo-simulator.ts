import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOURLY_VARIABLES } from './constants.js';
import { simulatedArchive } from './simulated-weather.js';

/** A running Open-Meteo archive simulator on 127.0.0.1. */
export interface OpenMeteoSimulator {
  /** Base URL of the archive endpoint, `http://127.0.0.1:<port>/v1/archive`. */
  readonly archiveUrl: string;
  /** Archive requests answered so far (errors included). */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Options of {@link startOpenMeteoSimulator}. */
export interface OpenMeteoSimulatorOptions {
  /** Port; default any free one. */
  readonly port?: number;
  /** Requests answered before every further one gets 429 (the free tier's daily limit); default none. */
  readonly dailyLimit?: number;
  /**
   * Requests answered with HTTP 200 and no hours (every `hourly` array empty), as for a place and
   * range the archive holds nothing of; default none. Gets the request's coordinates and dates.
   */
  readonly noHours?: (request: NoHoursRequest) => boolean;
}

/** What {@link OpenMeteoSimulatorOptions.noHours} sees of a request. */
export interface NoHoursRequest {
  readonly latitude: number;
  readonly longitude: number;
  /** `YYYY-MM-DD`. */
  readonly startDate: string;
  /** `YYYY-MM-DD`. */
  readonly endDate: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KNOWN = new Set<string>(HOURLY_VARIABLES);

/** The reason a real archive request with these parameters would be refused, or undefined. */
function refusal(q: URLSearchParams): string | undefined {
  const lat = Number(q.get('latitude'));
  const lng = Number(q.get('longitude'));
  if (q.get('latitude') === null || !Number.isFinite(lat) || lat < -90 || lat > 90)
    return 'Latitude must be in range of -90 to 90°. Given: ' + q.get('latitude') + '.';
  if (q.get('longitude') === null || !Number.isFinite(lng) || lng < -180 || lng > 180)
    return 'Longitude must be in range of -180 to 180°. Given: ' + q.get('longitude') + '.';
  const start = q.get('start_date') ?? '';
  const end = q.get('end_date') ?? '';
  if (!DATE.test(start) || !DATE.test(end))
    return "Parameter 'start_date' and 'end_date' must be set in format yyyy-mm-dd.";
  if (end < start) return 'End-date must be larger or equals than start-date';
  if (start < '1940-01-01') return `Parameter 'start_date' is out of allowed range from 1940-01-01 to ${end}`;
  for (const v of (q.get('hourly') ?? '').split(',').filter(Boolean))
    if (!KNOWN.has(v))
      return `Data corrupted at path ''. Cannot initialize WeatherVariable from invalid String value ${v}.`;
  return undefined;
}

/**
 * Starts a local stand-in for `https://archive-api.open-meteo.com/v1/archive`: real HTTP on
 * 127.0.0.1, deterministic weather in exactly the real response shape (local `time` strings in
 * the zone asked for, `utc_offset_seconds`, units blocks, parallel hourly arrays), and the real
 * error body `{"error":true,"reason":"..."}` with HTTP 400, or 429 past `dailyLimit`; the
 * requests `noHours` picks get the same shape with empty hourly arrays.
 */
export async function startOpenMeteoSimulator(
  options: OpenMeteoSimulatorOptions = {},
): Promise<OpenMeteoSimulator> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/v1/archive') return send(404, { error: true, reason: 'Not Found' });
    count++;
    if (options.dailyLimit !== undefined && count > options.dailyLimit)
      return send(429, {
        error: true,
        reason: 'Daily API request limit exceeded. Please try again tomorrow.',
      });
    const q = url.searchParams;
    const reason = refusal(q);
    if (reason) return send(400, { error: true, reason });
    const variables = (q.get('hourly') ?? '').split(',').filter(Boolean);
    const request: NoHoursRequest = {
      latitude: Number(q.get('latitude')),
      longitude: Number(q.get('longitude')),
      startDate: q.get('start_date')!,
      endDate: q.get('end_date')!,
    };
    const body = simulatedArchive(
      request.latitude,
      request.longitude,
      request.startDate,
      request.endDate,
      q.get('timezone') ?? 'GMT',
      variables,
      q.get('wind_speed_unit') ?? 'kmh',
    );
    if (options.noHours?.(request))
      body.hourly = Object.fromEntries(['time', ...variables].map((v) => [v, []]));
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    archiveUrl: `http://127.0.0.1:${port}/v1/archive`,
    requests: () => count,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
