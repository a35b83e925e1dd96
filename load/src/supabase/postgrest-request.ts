import pRetry, { AbortError } from 'p-retry';

/** What a supabase-js (postgrest-js) call resolves to. */
export interface PostgrestResponse<T> {
  readonly data: T | null;
  readonly error: { readonly message: string; readonly code?: string } | null;
  readonly status: number;
}

/** A PostgREST request that failed for good (or after every retry). Carries the HTTP status, never the key. */
export class SupabaseRequestError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly what: string,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(`supabase ${what}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'SupabaseRequestError';
    this.retryable = status === 0 || status === 429 || status >= 500;
  }
}

/** Retry policy of PostgREST requests: attempts in all and the first wait in ms (doubles each time). */
export interface RetryOptions {
  readonly attempts: number;
  readonly minTimeoutMs: number;
}

/** Default: 6 attempts, waits 0.5 s, 1 s, 2 s, 4 s, 8 s (with jitter). */
export const DEFAULT_RETRY: RetryOptions = Object.freeze({ attempts: 6, minTimeoutMs: 500 });

/** One attempt: for the requests of a {@link postgrestUnit}, which retries them as a whole. */
export const NO_RETRY: RetryOptions = Object.freeze({ attempts: 1, minTimeoutMs: 0 });

/**
 * Runs one PostgREST request (a supabase-js builder call), retrying on 429, 5xx and network
 * errors (status 0) with exponential backoff; other statuses fail at once.
 * @throws SupabaseRequestError naming the request and the status.
 */
export async function postgrestRequest<T>(
  what: string,
  call: () => PromiseLike<PostgrestResponse<T>>,
  retry: RetryOptions,
  signal?: AbortSignal,
): Promise<T | null> {
  return pRetry(
    async () => {
      const { data, error, status } = await call();
      if (!error) return data;
      const failure = new SupabaseRequestError(what, status, error.code, error.message);
      throw failure.retryable ? failure : new AbortError(failure);
    },
    {
      retries: retry.attempts - 1,
      minTimeout: retry.minTimeoutMs,
      factor: 2,
      randomize: true,
      ...(signal ? { signal } : {}),
    },
  );
}

/**
 * Runs `steps` (several PostgREST requests, each sent with {@link NO_RETRY}) as one retried unit:
 * a {@link SupabaseRequestError} that is retryable (429, 5xx, network) re-runs the unit from its
 * first step. An insert whose response was lost after its commit is not idempotent by itself;
 * "delete what this unit writes, then insert" is, so the unit starts with that delete.
 * @throws SupabaseRequestError after the last attempt, or at once when not retryable.
 */
export async function postgrestUnit(
  steps: () => Promise<void>,
  retry: RetryOptions,
  signal?: AbortSignal,
): Promise<void> {
  await pRetry(steps, {
    retries: retry.attempts - 1,
    minTimeout: retry.minTimeoutMs,
    factor: 2,
    randomize: true,
    shouldRetry: (error) => error instanceof SupabaseRequestError && error.retryable,
    ...(signal ? { signal } : {}),
  });
}
