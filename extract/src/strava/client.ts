import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Agent, type Dispatcher } from 'undici';
import { authorizedGet } from '../authorized-get.js';
import { STRAVA_MAX_PER_PAGE, STREAM_KEYS } from './constants.js';
import type { StravaCredentials } from './credentials.js';
import { StravaApiError, StravaAuthError, StravaNotFoundError, StravaRateLimitError } from './errors.js';
import { TokenManager } from './oauth.js';
import { retryingGet } from '../retrying-get.js';
import { exhaustedLimit, parseRateLimitHeaders, resetTime, type RateLimitSnapshot } from './rate-limit.js';

/** Options of {@link StravaClient}. */
export interface StravaClientOptions {
  readonly credentials: StravaCredentials;
  /** e.g. `https://www.strava.com/api/v3` or the simulator's `http://127.0.0.1:<port>/api/v3`. */
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** Longest wait for a rate-limit reset, in seconds; beyond it a {@link StravaRateLimitError} is thrown. */
  readonly maxRateLimitWaitSeconds: number;
  /** Retries of a 5xx / network error (exponential backoff with jitter); default 4, first wait `retryMinTimeoutMs` (default 1,000). */
  readonly retries?: number;
  readonly retryMinTimeoutMs?: number;
  /** Pause between re-reads of the token store after a refresh lost a race with another process; default 1,000 ms. */
  readonly tokenRaceWaitMs?: number;
  /** Clock in epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** Parameters of `GET /athlete/activities`: `after` / `before` in epoch seconds (exclusive), `perPage` up to 200. */
export interface ListActivitiesParams {
  readonly after?: number;
  readonly before?: number;
  readonly page: number;
  readonly perPage?: number;
}

/**
 * Strava API v3 client over undici with one keep-alive connection pool. Every call returns the
 * raw JSON (callers validate with the zod schemas record by record, so one bad record is
 * quarantined, not fatal). Handles the token refresh, rate-limit pacing from the response headers
 * (https://developers.strava.com/docs/rate-limits/), 429 waits up to `maxRateLimitWaitSeconds` and
 * 5xx / network retries.
 *
 * @throws StravaAuthError (401, not retryable), StravaNotFoundError (404), StravaRateLimitError
 * (limit used up beyond the allowed wait, not retryable), StravaApiError (other failures).
 */
export class StravaClient {
  readonly tokens: TokenManager;
  /** API requests sent (excluding the OAuth endpoint), including 429s and retried failures. */
  requestCount = 0;
  /** The rate-limit headers of the last response. */
  rateLimit: RateLimitSnapshot = {};
  readonly #dispatcher: Dispatcher;
  readonly #now: () => number;

  constructor(private readonly options: StravaClientOptions) {
    this.#dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 8 });
    this.#now = options.now ?? Date.now;
    this.tokens = new TokenManager(options.credentials, {
      oauthUrl: options.oauthUrl,
      dispatcher: this.#dispatcher,
      log: options.log,
      now: this.#now,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.tokenRaceWaitMs !== undefined ? { raceWaitMs: options.tokenRaceWaitMs } : {}),
    });
  }

  /** One page of SummaryActivity JSON (`GET /athlete/activities`). */
  listActivities(p: ListActivitiesParams): Promise<unknown> {
    const q: Record<string, string> = {
      page: String(p.page),
      per_page: String(p.perPage ?? STRAVA_MAX_PER_PAGE),
    };
    if (p.after !== undefined) q.after = String(p.after);
    if (p.before !== undefined) q.before = String(p.before);
    return this.get('/athlete/activities', q);
  }

  /** DetailedActivity JSON (`GET /activities/{id}`, with all efforts). */
  getActivity(id: number): Promise<unknown> {
    return this.get(`/activities/${id}`, { include_all_efforts: 'true' });
  }

  /** The eleven streams keyed by type (`GET /activities/{id}/streams?keys=...&key_by_type=true`). */
  getStreams(id: number): Promise<unknown> {
    return this.get(`/activities/${id}/streams`, { keys: STREAM_KEYS.join(','), key_by_type: 'true' });
  }

  /** DetailedAthlete JSON (`GET /athlete`). */
  getAthlete(): Promise<unknown> {
    return this.get('/athlete', {});
  }

  /** Heart-rate (bpm) and power (W) zones JSON (`GET /athlete/zones`). */
  getZones(): Promise<unknown> {
    return this.get('/athlete/zones', {});
  }

  /** ActivityStats JSON (`GET /athletes/{id}/stats`; metres, seconds). */
  getStats(athleteId: number): Promise<unknown> {
    return this.get(`/athletes/${athleteId}/stats`, {});
  }

  /** Closes the keep-alive pool. */
  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  /** Waits for `limit` to reset when the wait is allowed, else throws {@link StravaRateLimitError}. */
  async #waitFor(limit: 'daily' | 'quarter-hour', path: string): Promise<void> {
    const resumeAt = resetTime(limit, this.#now());
    const waitMs = resumeAt.getTime() - this.#now() + 1_000;
    if (waitMs > this.options.maxRateLimitWaitSeconds * 1000)
      throw new StravaRateLimitError(resumeAt, limit, path);
    this.options.log.warn(
      { limit, resumeAt: resumeAt.toISOString(), waitSeconds: Math.ceil(waitMs / 1000) },
      'strava rate limit reached, waiting',
    );
    await sleep(waitMs, undefined, this.options.signal ? { signal: this.options.signal } : {});
    this.rateLimit = {};
  }

  /** One GET with Strava's rate-limit pacing and 429 waits around {@link authorizedGet}. */
  #once(path: string, query: Record<string, string>): Promise<unknown> {
    let waits = 0;
    return authorizedGet({
      url: `${this.options.apiUrl}${path}?${new URLSearchParams(query).toString()}`,
      tokens: this.tokens,
      dispatcher: this.#dispatcher,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      beforeSend: async () => {
        const limit = exhaustedLimit(this.rateLimit, true);
        if (limit) await this.#waitFor(limit, path);
        this.requestCount++;
      },
      onAnswer: (_status, header) => {
        const snapshot = parseRateLimitHeaders(header);
        if (snapshot.overall || snapshot.read) this.rateLimit = snapshot;
      },
      networkError: (error) => new StravaApiError(`Strava request ${path} failed: ${error.message}`, 0, path),
      refused: async (status) => {
        if (status === 401)
          throw new StravaAuthError(
            `Strava answered 401 Authorization Error for ${path}: the access token was refused; check the app credentials and that the athlete granted activity:read_all`,
            401,
            path,
          );
        if (status === 404) throw new StravaNotFoundError(path);
        if (status === 429) {
          if (++waits > 3)
            throw new StravaRateLimitError(resetTime('quarter-hour', this.#now()), 'quarter-hour', path);
          return this.#waitFor(exhaustedLimit(this.rateLimit, true) ?? 'quarter-hour', path);
        }
        throw new StravaApiError(`Strava answered HTTP ${status} for ${path}`, status, path, status >= 500);
      },
    });
  }

  /** GET `path` (relative to the API URL) with retries of retryable failures (5xx, network); resolves to the parsed JSON body. */
  get(path: string, query: Record<string, string>): Promise<unknown> {
    return retryingGet(() => this.#once(path, query), {
      retries: this.options.retries ?? 4,
      minTimeoutMs: this.options.retryMinTimeoutMs ?? 1_000,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      log: this.options.log,
      path,
      message: 'strava request failed, retrying',
      retryable: (error) => !(error instanceof StravaApiError && !error.retryable),
    });
  }
}
