/** A pair of Strava limits: requests per 15-minute window and per UTC day. */
export interface LimitPair {
  readonly quarterHour: number;
  readonly daily: number;
}

/**
 * Strava's two limit families (https://developers.strava.com/docs/rate-limits/): `overall` counts
 * every request, `read` counts GETs. Real defaults are 200/2,000 overall and 100/1,000 read.
 */
export interface RateLimits {
  readonly overall: LimitPair;
  readonly read: LimitPair;
}

/** Strava's default application limits, as the recorded `X-Ratelimit-Limit` / `X-Readratelimit-Limit` headers say. */
export const STRAVA_DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  overall: { quarterHour: 200, daily: 2000 },
  read: { quarterHour: 100, daily: 1000 },
});

/** Generous limits for `npm start`: a full backfill (a few thousand requests) never hits them. */
export const SIMULATOR_DEV_RATE_LIMITS: RateLimits = Object.freeze({
  overall: { quarterHour: 60_000, daily: 600_000 },
  read: { quarterHour: 30_000, daily: 300_000 },
});

/**
 * Parses `"200,2000"` / `"100,1000"` pairs (the header format) into {@link RateLimits}.
 * @throws Error naming the value when it is not two positive integers.
 */
export function parseRateLimits(overall: string, read: string): RateLimits {
  const pair = (value: string, name: string): LimitPair => {
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
      throw new Error(`${name} must be "<15-minute>,<daily>" positive integers, got "${value}"`);
    return { quarterHour: Number(m[1]), daily: Number(m[2]) };
  };
  return { overall: pair(overall, 'overall rate limit'), read: pair(read, 'read rate limit') };
}

/** Counts requests per 15-minute window and UTC day, as Strava does, and says when a limit is exceeded. */
export class SimulatedRateLimiter {
  limits: RateLimits;
  #window = '';
  #day = '';
  #usage = { overall: [0, 0], read: [0, 0] };

  constructor(
    limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.limits = limits;
  }

  #roll(): void {
    const ms = this.now();
    const window = String(Math.floor(ms / 900_000));
    const day = new Date(ms).toISOString().slice(0, 10);
    if (day !== this.#day) {
      this.#day = day;
      this.#usage.overall[1] = 0;
      this.#usage.read[1] = 0;
    }
    if (window !== this.#window) {
      this.#window = window;
      this.#usage.overall[0] = 0;
      this.#usage.read[0] = 0;
    }
  }

  /** Counts one request; returns false (not counted) when a limit is already used up. */
  take(isRead: boolean): boolean {
    this.#roll();
    const { overall, read } = this.#usage;
    const full =
      overall[0]! >= this.limits.overall.quarterHour ||
      overall[1]! >= this.limits.overall.daily ||
      (isRead && (read[0]! >= this.limits.read.quarterHour || read[1]! >= this.limits.read.daily));
    if (full) return false;
    overall[0]!++;
    overall[1]!++;
    if (isRead) {
      read[0]!++;
      read[1]!++;
    }
    return true;
  }

  /** The four headers Strava sends on every API response. */
  headers(): Record<string, string> {
    this.#roll();
    const { overall, read } = this.#usage;
    return {
      'X-RateLimit-Limit': `${this.limits.overall.quarterHour},${this.limits.overall.daily}`,
      'X-RateLimit-Usage': `${overall[0]},${overall[1]}`,
      'X-ReadRateLimit-Limit': `${this.limits.read.quarterHour},${this.limits.read.daily}`,
      'X-ReadRateLimit-Usage': `${read[0]},${read[1]}`,
    };
  }

  /** The headers of a 429 once every limit is used up (what Strava sends when the daily limit is reached). */
  exhaustedHeaders(): Record<string, string> {
    const pair = (l: LimitPair) => `${l.quarterHour},${l.daily}`;
    return {
      'X-RateLimit-Limit': pair(this.limits.overall),
      'X-RateLimit-Usage': pair(this.limits.overall),
      'X-ReadRateLimit-Limit': pair(this.limits.read),
      'X-ReadRateLimit-Usage': pair(this.limits.read),
    };
  }

  /** Forgets all usage (tests: "the window has passed"). */
  reset(): void {
    this.#usage = { overall: [0, 0], read: [0, 0] };
  }
}
