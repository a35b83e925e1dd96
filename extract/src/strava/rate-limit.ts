import { RATE_LIMIT_WINDOW_SECONDS } from './constants.js';

/** Usage against one limit family: 15-minute and daily limit and usage (request counts). */
export interface LimitUsage {
  readonly quarterHourLimit: number;
  readonly quarterHourUsage: number;
  readonly dailyLimit: number;
  readonly dailyUsage: number;
}

/** What Strava's headers said on the last response (https://developers.strava.com/docs/rate-limits/). */
export interface RateLimitSnapshot {
  /** `X-RateLimit-Limit` / `X-RateLimit-Usage`: every request. */
  readonly overall?: LimitUsage;
  /** `X-ReadRateLimit-Limit` / `X-ReadRateLimit-Usage`: GET requests. */
  readonly read?: LimitUsage;
}

function pair(value: string | undefined): [number, number] | undefined {
  const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function family(limit: string | undefined, usage: string | undefined): LimitUsage | undefined {
  const l = pair(limit);
  const u = pair(usage);
  return l && u
    ? { quarterHourLimit: l[0], dailyLimit: l[1], quarterHourUsage: u[0], dailyUsage: u[1] }
    : undefined;
}

/** Reads the four rate-limit headers (case-insensitive names); absent or malformed pairs are left out. */
export function parseRateLimitHeaders(get: (name: string) => string | undefined): RateLimitSnapshot {
  const overall = family(get('x-ratelimit-limit'), get('x-ratelimit-usage'));
  const read = family(get('x-readratelimit-limit'), get('x-readratelimit-usage'));
  return { ...(overall ? { overall } : {}), ...(read ? { read } : {}) };
}

/** Next quarter-hour boundary (:00, :15, :30, :45 UTC) after `nowMs`, when Strava resets the short window. */
export function nextQuarterHour(nowMs: number): Date {
  const w = RATE_LIMIT_WINDOW_SECONDS * 1000;
  return new Date(Math.floor(nowMs / w) * w + w);
}

/** Next UTC midnight after `nowMs`, when Strava resets the daily limit. */
export function nextUtcMidnight(nowMs: number): Date {
  const d = new Date(nowMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

/**
 * Which limit (if any) the next request would exceed, judging by the last headers:
 * `daily` wins over `quarter-hour` because its reset is later. `isRead`: the request is a GET.
 */
export function exhaustedLimit(
  snapshot: RateLimitSnapshot,
  isRead: boolean,
): 'daily' | 'quarter-hour' | undefined {
  const families = [snapshot.overall, isRead ? snapshot.read : undefined].filter(
    (f): f is LimitUsage => f !== undefined,
  );
  if (families.some((f) => f.dailyUsage >= f.dailyLimit)) return 'daily';
  if (families.some((f) => f.quarterHourUsage >= f.quarterHourLimit)) return 'quarter-hour';
  return undefined;
}

/** When the given limit resets. */
export function resetTime(limit: 'daily' | 'quarter-hour', nowMs: number): Date {
  return limit === 'daily' ? nextUtcMidnight(nowMs) : nextQuarterHour(nowMs);
}
