import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STRAVA_DEFAULT_PER_PAGE, STRAVA_MAX_PER_PAGE } from '../constants.js';
import { loadSimulatorData, type JsonObject, type SimulatorData } from './simulator-data.js';
import { SimulatedRateLimiter, SIMULATOR_DEV_RATE_LIMITS, type RateLimits } from './rate-limiter.js';
import { SIMULATOR_CREDENTIALS, TokenAuthority } from './token-authority.js';
import { epochSeconds } from '../epoch-seconds.js';

/** Options of {@link startStravaSimulator}. */
export interface StravaSimulatorOptions {
  /** Port on 127.0.0.1; default 0 (a free port). */
  readonly port?: number;
  /** Default {@link SIMULATOR_DEV_RATE_LIMITS} (never hit by a backfill); pass `STRAVA_DEFAULT_RATE_LIMITS` for Strava's real ones. */
  readonly rateLimits?: RateLimits;
  /** Lifetime of issued access tokens in seconds; default 21,600 (Strava's 6 hours). */
  readonly accessTokenTtlSeconds?: number;
  /** File keeping the current refresh token across restarts (so rotation behaves like Strava's). */
  readonly stateFile?: string;
  /** Clock in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /**
   * Folder of recorded responses to serve (the layout of `../shared/data/strava-api-v3`); default
   * `process.env.VOYAGER_SIMULATOR_DATA`; empty or unset: the synthetic athlete.
   */
  readonly dataDir?: string;
  /** Data to serve, overriding `dataDir` (tests). */
  readonly data?: SimulatorData;
  /**
   * Clock of the athlete's history (epoch ms): which activities, edits and deletions have happened.
   * Default: `now`. Tests pin it to get a fixed synthetic history.
   */
  readonly historyNow?: () => number;
}

/** A running simulator. The mutators let tests play "the athlete edited / deleted an activity". */
export interface StravaSimulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `<url>/api/v3` */
  readonly apiUrl: string;
  /** `<url>/oauth/token` */
  readonly oauthUrl: string;
  readonly credentials: typeof SIMULATOR_CREDENTIALS;
  /** What it serves: `synthetic` (the generated athlete) or `recorded` (from {@link StravaSimulatorOptions.dataDir}). */
  readonly data: SimulatorData;
  /** The activities it lists right now (after edits and deletions). */
  activities(): JsonObject[];
  readonly tokens: TokenAuthority;
  readonly rateLimiter: SimulatedRateLimiter;
  /** Requests served per route (`list`, `activity`, `streams`, `athlete`, `zones`, `stats`, `oauth`), 429s excluded. */
  readonly requests: Record<string, number>;
  /** Merges `patch` into the activity's summary (and its detail). */
  editActivity(id: number, patch: JsonObject): void;
  /** Removes the activity upstream. */
  deleteActivity(id: number): void;
  /**
   * Answers the next `count` API requests with `status` (e.g. 503; 429 replays the recorded 429
   * with its headers, daily limit used up), after serving `afterRequests` (default 0) normally:
   * `failNext(1, 429, { afterRequests: 3 })` lets three list pages through, then sends a 429.
   */
  failNext(count: number, status: number, options?: { readonly afterRequests?: number }): void;
  stop(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `GET /athlete/activities`: Strava's `after`/`before` (epoch s, exclusive), `page`, `per_page` and sort order. */
function listActivities(all: readonly JsonObject[], q: URLSearchParams): JsonObject[] | string {
  const after = q.has('after') ? Number(q.get('after')) : undefined;
  const before = q.has('before') ? Number(q.get('before')) : undefined;
  const page = q.has('page') ? Number(q.get('page')) : 1;
  const perPage = Math.min(
    STRAVA_MAX_PER_PAGE,
    q.has('per_page') ? Number(q.get('per_page')) : STRAVA_DEFAULT_PER_PAGE,
  );
  if (
    [after, before, page, perPage].some((v) => v !== undefined && !Number.isFinite(v)) ||
    page < 1 ||
    perPage < 1
  ) {
    return 'invalid paging or time filter';
  }
  const matching = all.filter((a) => {
    const t = epochSeconds(a.start_date);
    return (after === undefined || t > after) && (before === undefined || t < before);
  });
  // Strava: with only `after` the list runs oldest first; otherwise newest first
  const ascending = after !== undefined && before === undefined;
  matching.sort(
    (a, b) =>
      (ascending ? 1 : -1) *
      (epochSeconds(a.start_date) - epochSeconds(b.start_date) || Number(a.id) - Number(b.id)),
  );
  return matching.slice((page - 1) * perPage, page * perPage);
}

/**
 * Starts the Strava API simulator: a real HTTP server on 127.0.0.1 serving a synthetic athlete
 * generated by our own code (default; see `synthetic-*.ts`) or recorded responses
 * (`dataDir` / `VOYAGER_SIMULATOR_DATA`, e.g. `../shared/data/strava-api-v3`: 1,132 activities),
 * with rotating refresh tokens, 401 / 404 / 429 with Strava's bodies and rate-limit headers.
 * Details and streams of activities without a recording are generated deterministically.
 * @throws Error naming the folder when `dataDir` lacks a recorded file.
 */
export async function startStravaSimulator(options: StravaSimulatorOptions = {}): Promise<StravaSimulator> {
  const now = options.now ?? Date.now;
  const historyNow = options.historyNow ?? now;
  const data: SimulatorData =
    options.data ?? (await loadSimulatorData(options.dataDir ?? process.env.VOYAGER_SIMULATOR_DATA));
  // what tests did upstream ("the athlete edited / deleted an activity"), over the data's own history
  const edits = new Map<number, JsonObject>();
  const deleted = new Set<number>();
  const visible = (): JsonObject[] =>
    data
      .activitiesAt(historyNow())
      .filter((a) => !deleted.has(Number(a.id)))
      .map((a) => (edits.has(Number(a.id)) ? { ...a, ...edits.get(Number(a.id)) } : a));
  const find = (id: number): JsonObject | undefined => visible().find((a) => Number(a.id) === id);
  const tokens = new TokenAuthority({
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 21_600,
    now,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
  });
  await tokens.load();
  const rateLimiter = new SimulatedRateLimiter(options.rateLimits ?? SIMULATOR_DEV_RATE_LIMITS, now);
  const requests: Record<string, number> = {};
  let failures = { count: 0, status: 500, after: 0 };

  const api = (path: string, q: URLSearchParams): [number, unknown] => {
    let m: RegExpExecArray | null;
    if (path === '/athlete/activities') {
      const list = listActivities(visible(), q);
      return typeof list === 'string'
        ? [
            400,
            { message: 'Bad Request', errors: [{ resource: 'Activity', field: 'page', code: 'invalid' }] },
          ]
        : [200, list];
    }
    if ((m = /^\/activities\/(\d+)$/.exec(path))) {
      const summary = find(Number(m[1]));
      if (!summary) return [404, undefined];
      return [200, { ...data.detail(summary), ...edits.get(Number(m[1])) }];
    }
    if ((m = /^\/activities\/(\d+)\/streams$/.exec(path))) {
      const summary = find(Number(m[1]));
      if (!summary) return [404, undefined];
      const all = data.streams(summary);
      const keys = q.get('keys')?.split(',');
      const set = Object.fromEntries(Object.entries(all).filter(([k]) => !keys || keys.includes(k)));
      return [
        200,
        q.get('key_by_type') === 'true'
          ? set
          : Object.entries(set).map(([type, s]) => ({ type, ...(s as JsonObject) })),
      ];
    }
    if (path === '/athlete') return [200, data.athlete];
    if (path === '/athlete/zones') return [200, data.zones];
    if ((m = /^\/athletes\/(\d+)\/stats$/.exec(path)))
      return Number(m[1]) === data.athlete.id ? [200, data.stats(visible(), historyNow())] : [404, undefined];
    return [404, undefined];
  };

  const routeName = (path: string): string =>
    path === '/athlete/activities'
      ? 'list'
      : path.endsWith('/streams')
        ? 'streams'
        : path.startsWith('/activities/')
          ? 'activity'
          : path.endsWith('/stats')
            ? 'stats'
            : path.endsWith('/zones')
              ? 'zones'
              : 'athlete';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const body = await readBody(req);
      const params = new URLSearchParams(url.search);
      const form = (req.headers['content-type'] ?? '').includes('json')
        ? new URLSearchParams(JSON.parse(body || '{}') as Record<string, string>)
        : new URLSearchParams(body);
      for (const [k, v] of form) params.set(k, v);
      const result = await tokens.grant(params);
      requests.oauth = (requests.oauth ?? 0) + 1;
      if (result.kind === 'ok') {
        return send(res, 200, {
          ...data.tokenResponse,
          access_token: result.accessToken,
          refresh_token: result.refreshToken,
          expires_at: result.expiresAt,
          expires_in: result.expiresAt - Math.floor(now() / 1000),
        });
      }
      if (result.kind === 'bad_secret') return send(res, 401, data.errors.unauthorized);
      if (result.kind === 'invalid_client') return send(res, 400, data.errors.invalidClient);
      return send(res, 400, {
        message: 'Bad Request',
        errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }],
      });
    }
    if (!url.pathname.startsWith('/api/v3/')) return send(res, 404, undefined);
    if (!tokens.authorizes(req.headers.authorization)) return send(res, 401, data.errors.unauthorized);
    if (failures.count > 0 && failures.after > 0) failures = { ...failures, after: failures.after - 1 };
    else if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      // a forced 429 is Strava's body with both limits used up, as a 429 on the daily limit reads
      if (failures.status === 429)
        return send(res, 429, data.errors.rateLimited, rateLimiter.exhaustedHeaders());
      return send(res, failures.status, { message: 'Internal Server Error' });
    }
    if (!rateLimiter.take(req.method === 'GET'))
      return send(res, 429, data.errors.rateLimited, rateLimiter.headers());
    const path = url.pathname.slice('/api/v3'.length);
    const [status, body] = req.method === 'GET' ? api(path, url.searchParams) : [404, undefined];
    requests[routeName(path)] = (requests[routeName(path)] ?? 0) + 1;
    send(res, status, body, rateLimiter.headers());
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: 'Internal Server Error' }));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/v3`,
    oauthUrl: `${url}/oauth/token`,
    credentials: SIMULATOR_CREDENTIALS,
    data,
    activities: visible,
    tokens,
    rateLimiter,
    requests,
    editActivity(id, patch) {
      if (!find(id)) throw new Error(`simulator has no activity ${id}`);
      edits.set(id, { ...edits.get(id), ...patch });
    },
    deleteActivity(id) {
      deleted.add(id);
    },
    failNext(count, status, options = {}) {
      failures = { count, status, after: options.afterRequests ?? 0 };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
