import { AbortError } from 'p-retry';
import { request, type Dispatcher } from 'undici';

/** The OAuth side an API client's requests need: Strava's `TokenManager`, Google's `GoogleTokenManager`. */
export interface BearerTokens {
  /** A valid access token (refreshing first when it expired). */
  accessToken(): Promise<string>;
  /** Forgets the current access token (the API refused it). */
  invalidate(): void;
  /** Gets a new access token with the refresh token (rotating it where the provider does). */
  refresh(): Promise<unknown>;
}

/** One response header by lower-case name (the first value when repeated). */
export type ResponseHeader = (name: string) => string | undefined;

/** Options of {@link authorizedGet}: the provider-specific parts of one request. */
export interface AuthorizedGetOptions {
  /** Absolute URL with its query string. */
  readonly url: string;
  readonly tokens: BearerTokens;
  readonly dispatcher: Dispatcher;
  readonly signal?: AbortSignal;
  /** Before each send: counting, waiting for a used-up rate limit. */
  beforeSend?(): Promise<void> | void;
  /** After each answer, whatever its status: reading rate-limit headers. */
  onAnswer?(status: number, header: ResponseHeader): void;
  /** The provider's error for a request that got no answer (retryable: a network failure). */
  networkError(error: Error): Error;
  /**
   * An answer other than 200 and the first 401: throws the provider's error, or resolves when
   * the request should be sent again (Strava's 429 once its window reset).
   */
  refused(status: number, header: ResponseHeader): Promise<void>;
}

/**
 * One authorized GET of an API client, as Strava's and Google's share it: sends the request with
 * a Bearer token, returns the parsed JSON of a 200, and on the first 401 drops the access token,
 * refreshes it and sends again once; any other answer goes to `refused`. Retries of 5xx and
 * network failures are the caller's (`retryingGet`). An aborted `signal` throws p-retry's
 * `AbortError`, so no retry follows a cancel.
 *
 * @throws whatever `networkError` and `refused` give, and the token manager's errors.
 */
export async function authorizedGet(options: AuthorizedGetOptions): Promise<unknown> {
  for (let reauthorized = false; ;) {
    await options.beforeSend?.();
    const token = await options.tokens.accessToken();
    let res;
    try {
      res = await request(options.url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        dispatcher: options.dispatcher,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new AbortError(error as Error);
      throw options.networkError(error as Error);
    }
    const headers = res.headers;
    const header: ResponseHeader = (name) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    options.onAnswer?.(res.statusCode, header);
    if (res.statusCode === 200) return res.body.json();
    await res.body.dump();
    if (res.statusCode === 401 && !reauthorized) {
      reauthorized = true;
      options.tokens.invalidate();
      await options.tokens.refresh();
      continue;
    }
    await options.refused(res.statusCode, header);
  }
}
