import pRetry, { AbortError } from 'p-retry';
import { FREE_TIER_LIMITS, HOURLY_VARIABLES, OPEN_METEO_ARCHIVE_URL, REQUEST_UNITS } from './constants.js';
import { ArchiveError, ArchiveResponse } from './schemas.js';

/** One archive request: a place and a range of local dates (inclusive). */
export interface ArchiveRequest {
  readonly latitude: number;
  readonly longitude: number;
  /** `YYYY-MM-DD`, inclusive. */
  readonly startDate: string;
  readonly endDate: string;
  /** IANA zone, `auto` (the place's own) or `GMT`; default `auto`. */
  readonly timezone?: string;
}

/** The API refused the request (HTTP 400 with a reason): a retry cannot fix it. */
export class OpenMeteoRequestError extends Error {
  readonly retryable = false;
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`Open-Meteo refused the request (HTTP ${status}): ${reason}`);
    this.name = 'OpenMeteoRequestError';
  }
}

/** HTTP 429: a free-tier limit is reached (minute, hour or day); the run stops with its cursor saved. */
export class OpenMeteoRateLimitError extends Error {
  readonly retryable = false;
  constructor(readonly reason: string) {
    super(`Open-Meteo rate limit reached: ${reason}`);
    this.name = 'OpenMeteoRateLimitError';
  }
}

/** Options of {@link OpenMeteoClient}. */
export interface OpenMeteoClientOptions {
  /** Archive endpoint; default {@link OPEN_METEO_ARCHIVE_URL} (the simulator's URL in tests and `npm start`). */
  readonly baseUrl?: string;
  /** Attempts per request for 5xx and network errors; default 4. */
  readonly attempts?: number;
  /** First retry delay, ms (doubling); default 1,000. */
  readonly backoffMs?: number;
  /**
   * Most requests a minute, retries included: requests are spaced 60,000 / n ms apart. Default
   * the free tier's 600 ({@link FREE_TIER_LIMITS}); the simulator's dev service lifts it.
   */
  readonly maxPerMinute?: number;
  /** Clock and wait, ms (tests pass a fake clock); default `Date.now` and `setTimeout`. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
  /**
   * A pacer shared with other clients (the steps of one asset running at once in a process), so
   * together they stay within one `maxPerMinute`; default a pacer of this client's own.
   */
  readonly pacer?: RequestPacer;
}

/**
 * Spaces requests `60,000 / maxPerMinute` ms apart. One pacer shared by several clients keeps
 * them together within the rate (the free tier's 600 a minute, {@link FREE_TIER_LIMITS}).
 */
export class RequestPacer {
  /** Earliest instant (ms) the next request may be sent. */
  #nextAt = 0;
  readonly #interval: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  /** `maxPerMinute`: most requests a minute (> 0); `now`/`sleep`: clock and wait, ms (tests fake them). */
  constructor(
    maxPerMinute: number = FREE_TIER_LIMITS.perMinute,
    options: { readonly now?: () => number; readonly sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.#interval = 60_000 / maxPerMinute;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  }

  /** Waits until the next request keeps within the rate, and books its slot. */
  async wait(): Promise<void> {
    const now = this.#now();
    const at = Math.max(now, this.#nextAt);
    this.#nextAt = at + this.#interval;
    if (at > now) await this.#sleep(at - now);
  }
}

/**
 * The Open-Meteo historical weather client: one GET per place and date range with the hourly
 * variables and units of `constants.ts`, the body validated by {@link ArchiveResponse}. 5xx and
 * network errors are retried with exponential backoff (p-retry); 400 and 429 are not. Requests
 * are spaced to stay within `maxPerMinute` (the free tier's 600 a minute).
 */
export class OpenMeteoClient {
  /** Requests sent (retries included). */
  requests = 0;
  readonly #options: OpenMeteoClientOptions;
  readonly #pacer: RequestPacer;

  constructor(options: OpenMeteoClientOptions = {}) {
    this.#options = options;
    this.#pacer =
      options.pacer ??
      new RequestPacer(options.maxPerMinute, {
        ...(options.now ? { now: options.now } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
  }

  /** The URL of a request (for logs: it carries no secret). */
  url(request: ArchiveRequest): string {
    const url = new URL(this.#options.baseUrl ?? OPEN_METEO_ARCHIVE_URL);
    url.searchParams.set('latitude', request.latitude.toFixed(4));
    url.searchParams.set('longitude', request.longitude.toFixed(4));
    url.searchParams.set('start_date', request.startDate);
    url.searchParams.set('end_date', request.endDate);
    url.searchParams.set('hourly', HOURLY_VARIABLES.join(','));
    url.searchParams.set('timezone', request.timezone ?? 'auto');
    for (const [k, v] of Object.entries(REQUEST_UNITS)) url.searchParams.set(k, v);
    return url.toString();
  }

  /**
   * Fetches one place and range.
   * @throws OpenMeteoRequestError (400), OpenMeteoRateLimitError (429), or the last network/5xx error.
   */
  async archive(request: ArchiveRequest): Promise<ArchiveResponse> {
    const url = this.url(request);
    return pRetry(
      async () => {
        await this.#pacer.wait();
        this.requests++;
        const res = await fetch(url, { ...(this.#options.signal ? { signal: this.#options.signal } : {}) });
        const body: unknown = await res.json().catch(() => undefined);
        if (res.status === 429 || res.status === 400) {
          const error = ArchiveError.safeParse(body);
          const reason = error.success ? error.data.reason : `HTTP ${res.status}`;
          throw new AbortError(
            res.status === 429
              ? new OpenMeteoRateLimitError(reason)
              : new OpenMeteoRequestError(res.status, reason),
          );
        }
        if (!res.ok) throw new Error(`Open-Meteo answered HTTP ${res.status}`);
        const parsed = ArchiveResponse.safeParse(body);
        if (!parsed.success)
          throw new AbortError(
            new OpenMeteoRequestError(res.status, `unexpected body: ${parsed.error.message}`),
          );
        return parsed.data;
      },
      {
        retries: (this.#options.attempts ?? 4) - 1,
        minTimeout: this.#options.backoffMs ?? 1_000,
        factor: 2,
        ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      },
    );
  }
}
