import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GOOGLE_HEALTH_DEFAULT_PAGE_SIZE, GOOGLE_HEALTH_MAX_PAGE_SIZE } from '../constants.js';
import { SYNTHETIC_DEVICE, syntheticHourSamples } from './synthetic-heart-rate.js';

/** The OAuth client and first refresh token the simulator accepts (not secrets: they only open it). */
export const GOOGLE_HEALTH_SIMULATOR_CREDENTIALS = Object.freeze({
  clientId: 'voyager-simulator.apps.googleusercontent.com',
  clientSecret: 'simulator-client-secret',
  refreshToken: 'simulator-google-refresh-token',
});

/** Options of {@link startGoogleHealthSimulator}. */
export interface GoogleHealthSimulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Access-token lifetime in seconds; default 3,599 (Google's `expires_in`). */
  readonly accessTokenTtlSeconds?: number;
  /** Clock in epoch ms; default `Date.now`. Hours not complete at `now` are served in part. */
  readonly now?: () => number;
  /** File keeping the current refresh token across restarts (rotation then behaves like Google's). */
  readonly stateFile?: string;
}

/** A running simulator. */
export interface GoogleHealthSimulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `<url>/v4` */
  readonly apiUrl: string;
  /** `<url>/token` */
  readonly oauthUrl: string;
  readonly credentials: typeof GOOGLE_HEALTH_SIMULATOR_CREDENTIALS;
  /** Requests served by route (`list`, `token`), failures included. */
  readonly requests: Record<string, number>;
  /** The refresh token valid now (each grant rotates it). */
  readonly currentRefreshToken: string;
  /** Answers the next `count` list requests with `status` (429 with `Retry-After: 1`). */
  failNext(count: number, status: number): void;
  /**
   * From now on serves only the first `keep` samples of the UTC hour starting at `hourStart`
   * (0: none), as after a person deleted readings in the app: a re-landed hour that shrank.
   */
  truncateHour(hourStart: Date, keep: number): void;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const FILTER =
  /^heart_rate\.sample_time\.physical_time >= "([^"]+)" AND heart_rate\.sample_time\.physical_time < "([^"]+)"$/;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Google's error body (https://cloud.google.com/apis/design/errors#http_mapping). */
const googleError = (code: number, status: string, message: string) => ({ error: { code, status, message } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Every synthetic data point in `[start, end)` as Google Health `DataPoint` JSON; `kept`: samples left per truncated hour. */
function dataPoints(start: number, end: number, now: number, kept: ReadonlyMap<number, number>): unknown[] {
  const out: unknown[] = [];
  for (let hour = Math.floor(start / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
    for (const [at, bpm] of syntheticHourSamples(hour, now).slice(0, kept.get(hour))) {
      if (at < start || at >= end) continue;
      out.push({
        dataSource: { recordingMethod: 'PASSIVELY_MEASURED', device: SYNTHETIC_DEVICE, platform: 'FITBIT' },
        heartRate: {
          sampleTime: { physicalTime: new Date(at).toISOString(), utcOffset: '3600s' },
          beatsPerMinute: String(bpm),
        },
      });
    }
  }
  return out;
}

/**
 * Starts a local Google Health API for heart rate on 127.0.0.1, in the shape of the real one:
 * `POST /token` (refresh-token grant; every grant rotates the refresh token, as a client with
 * rotation on sees it) and `GET /v4/users/me/dataTypes/heart-rate/dataPoints` with the
 * physical-time `filter`, `pageSize` (default 1,440, at most 10,000) and `pageToken`
 * (https://developers.google.com/health/reference/rest/v4/users.dataTypes.dataPoints/list). It
 * serves a synthetic person's heart rate every 5 s (see `syntheticHourSamples`).
 */
export async function startGoogleHealthSimulator(
  options: GoogleHealthSimulatorOptions = {},
): Promise<GoogleHealthSimulator> {
  const now = options.now ?? Date.now;
  const ttl = options.accessTokenTtlSeconds ?? 3_599;
  let refreshToken: string = GOOGLE_HEALTH_SIMULATOR_CREDENTIALS.refreshToken;
  if (options.stateFile) {
    try {
      const state = JSON.parse(await readFile(options.stateFile, 'utf8')) as { refreshToken?: unknown };
      if (typeof state.refreshToken === 'string') refreshToken = state.refreshToken;
    } catch {
      // first start: the demo refresh token is the valid one
    }
  }
  const access = new Map<string, number>();
  const requests: Record<string, number> = { list: 0, token: 0 };
  let failures: { count: number; status: number } = { count: 0, status: 0 };
  const kept = new Map<number, number>();

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    requests.token = (requests.token ?? 0) + 1;
    const form = new URLSearchParams(await readBody(req));
    const c = GOOGLE_HEALTH_SIMULATOR_CREDENTIALS;
    if (form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret)
      return send(res, 401, {
        error: 'invalid_client',
        error_description: 'The OAuth client was not found.',
      });
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== refreshToken)
      return send(res, 400, {
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      });
    const accessToken = `ya29.sim-${randomBytes(12).toString('hex')}`;
    access.set(accessToken, now() + ttl * 1000);
    refreshToken = `1//sim-${randomBytes(12).toString('hex')}`;
    if (options.stateFile) {
      await mkdir(dirname(options.stateFile), { recursive: true });
      await writeFile(options.stateFile, JSON.stringify({ refreshToken }), { mode: 0o600 });
    }
    send(res, 200, {
      access_token: accessToken,
      expires_in: ttl,
      refresh_token: refreshToken,
      scope: 'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly',
      token_type: 'Bearer',
    });
  };

  const list = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    requests.list = (requests.list ?? 0) + 1;
    if (failures.count > 0) {
      failures.count--;
      const status = failures.status;
      return send(
        res,
        status,
        googleError(status, status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', 'simulated failure'),
        status === 429 ? { 'retry-after': '1' } : {},
      );
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = bearer ? access.get(bearer) : undefined;
    if (expires === undefined || expires <= now())
      return send(
        res,
        401,
        googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      );
    const m = FILTER.exec(url.searchParams.get('filter') ?? '');
    const start = m ? Date.parse(m[1]!) : NaN;
    const end = m ? Date.parse(m[2]!) : NaN;
    if (!m || Number.isNaN(start) || Number.isNaN(end))
      return send(
        res,
        400,
        googleError(400, 'INVALID_ARGUMENT', 'filter: expected a heart_rate.sample_time.physical_time range'),
      );
    const size = Math.min(
      Number(url.searchParams.get('pageSize') ?? GOOGLE_HEALTH_DEFAULT_PAGE_SIZE) ||
        GOOGLE_HEALTH_DEFAULT_PAGE_SIZE,
      GOOGLE_HEALTH_MAX_PAGE_SIZE,
    );
    const offset = Number(Buffer.from(url.searchParams.get('pageToken') ?? '', 'base64url').toString() || 0);
    const points = dataPoints(start, end, now(), kept);
    const page = points.slice(offset, offset + size);
    const next =
      offset + size < points.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
    send(res, 200, { dataPoints: page, ...(next ? { nextPageToken: next } : {}) });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      if (route === 'POST /token') return token(req, res);
      if (route === 'GET /v4/users/me/dataTypes/heart-rate/dataPoints') return list(req, res, url);
      if (/^GET \/v4\/users\/me\/dataTypes\/[^/]+\/dataPoints$/.test(route))
        return send(res, 400, googleError(400, 'INVALID_ARGUMENT', 'the simulator serves only heart-rate'));
      send(res, 404, googleError(404, 'NOT_FOUND', `no route ${route}`));
    };
    handle().catch((error: unknown) => send(res, 500, googleError(500, 'INTERNAL', String(error))));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/v4`,
    oauthUrl: `${url}/token`,
    credentials: GOOGLE_HEALTH_SIMULATOR_CREDENTIALS,
    requests,
    get currentRefreshToken() {
      return refreshToken;
    },
    failNext(count, status) {
      failures = { count, status };
    },
    truncateHour(hourStart, keep) {
      kept.set(hourStart.getTime(), keep);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
