import pRetry, { AbortError } from 'p-retry';
import type { Logger } from 'pino';

/** Options of {@link retryingGet}. */
export interface RetryingGetOptions {
  /** Retries after the first attempt (exponential backoff, factor 2, with jitter). */
  readonly retries: number;
  /** First wait in ms. */
  readonly minTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly log: Logger;
  /** The request's path, for the log line. */
  readonly path: string;
  /** Log message of a failed attempt, e.g. `strava request failed, retrying`. */
  readonly message: string;
  /** Whether a retry may help (a 5xx or network error yes, a 401 or 404 no). */
  retryable(error: unknown): boolean;
}

/**
 * Runs one API request (`attempt`) with p-retry: a failure `retryable` says no to is thrown at once;
 * a retryable one carrying `retryAfterMs` (a 429's `Retry-After`) waits that long first (at most 60 s)
 * on top of the backoff. Strava's and Google's clients share it.
 * @throws the last attempt's error.
 */
export function retryingGet<T>(attempt: () => Promise<T>, options: RetryingGetOptions): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await attempt();
      } catch (error) {
        if (!options.retryable(error)) throw new AbortError(error as Error);
        const wait = (error as { retryAfterMs?: number }).retryAfterMs;
        if (wait !== undefined) await new Promise((r) => setTimeout(r, Math.min(wait, 60_000)));
        throw error;
      }
    },
    {
      retries: options.retries,
      minTimeout: options.minTimeoutMs,
      factor: 2,
      randomize: true,
      ...(options.signal ? { signal: options.signal } : {}),
      onFailedAttempt: (e) =>
        options.log.warn(
          { path: options.path, attempt: e.attemptNumber, retriesLeft: e.retriesLeft, err: e.message },
          options.message,
        ),
    },
  );
}
