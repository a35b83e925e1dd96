import type { Logger } from 'pino';
import { Agent, type Dispatcher } from 'undici';
import { authorizedGet } from '../authorized-get.js';
import { GOOGLE_HEALTH_MAX_PAGE_SIZE, HEART_RATE_DATA_TYPE, HEART_RATE_FILTER_FIELD } from './constants.js';
import { GoogleHealthApiError, GoogleHealthAuthError } from './errors.js';
import { GoogleTokenManager, type GoogleCredentials } from './google-oauth.js';
import { ListDataPointsResponse } from './schemas.js';
import { retryingGet } from '../retrying-get.js';

/** Options of {@link GoogleHealthClient}. */
export interface GoogleHealthClientOptions {
  readonly credentials: GoogleCredentials;
  /** `https://health.googleapis.com/v4` or the simulator's `http://127.0.0.1:<port>/v4`. */
  readonly apiUrl: string;
  readonly oauthUrl: string;
  readonly log: Logger;
  readonly signal?: AbortSignal;
  /** Retries of a 429, 5xx or network failure (exponential backoff with jitter); default 5. */
  readonly retries?: number;
  /** First retry wait in ms; default 1,000. A 429's `Retry-After` (seconds) is waited when longer. */
  readonly retryMinTimeoutMs?: number;
  /** `pageSize` sent; default the maximum, 10,000. */
  readonly pageSize?: number;
  readonly now?: () => number;
}

/**
 * Google Health API v4 client for heart-rate data points, over undici with a keep-alive pool:
 * `GET {apiUrl}/users/me/dataTypes/heart-rate/dataPoints` with a physical-time filter, paged by
 * `nextPageToken` (https://developers.google.com/health/reference/rest/v4/users.dataTypes.dataPoints/list).
 * Quota answers (429 `RESOURCE_EXHAUSTED`) and 5xx/network failures are retried with exponential
 * backoff (Google's advice for its APIs: https://cloud.google.com/apis/design/errors#error_retries),
 * honouring `Retry-After`. A 401 refreshes the token once.
 *
 * @throws GoogleHealthAuthError (401/403, refused grant), GoogleHealthApiError (other failures, after the retries).
 */
export class GoogleHealthClient {
  readonly tokens: GoogleTokenManager;
  /** API requests sent (not counting the token endpoint). */
  requestCount = 0;
  readonly #dispatcher: Dispatcher;

  constructor(private readonly options: GoogleHealthClientOptions) {
    this.#dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 4 });
    this.tokens = new GoogleTokenManager(options.credentials, {
      oauthUrl: options.oauthUrl,
      dispatcher: this.#dispatcher,
      log: options.log,
      ...(options.now ? { now: options.now } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * Every heart-rate data point whose sample time is in `[start, end)`, page by page (raw JSON
   * points: the caller validates each, so one bad point is rejected alone).
   */
  async *listHeartRate(start: Date, end: Date): AsyncGenerator<unknown[]> {
    const field = `${HEART_RATE_FILTER_FIELD}.sample_time.physical_time`;
    const filter = `${field} >= "${start.toISOString()}" AND ${field} < "${end.toISOString()}"`;
    let pageToken: string | undefined;
    do {
      const query: Record<string, string> = {
        filter,
        pageSize: String(
          Math.min(this.options.pageSize ?? GOOGLE_HEALTH_MAX_PAGE_SIZE, GOOGLE_HEALTH_MAX_PAGE_SIZE),
        ),
        ...(pageToken ? { pageToken } : {}),
      };
      const body = ListDataPointsResponse.safeParse(
        await this.get(`/users/me/dataTypes/${HEART_RATE_DATA_TYPE}/dataPoints`, query),
      );
      if (!body.success)
        throw new GoogleHealthApiError(
          'Google Health API page did not match ListDataPointsResponse',
          200,
          'dataPoints',
          false,
        );
      yield body.data.dataPoints;
      pageToken = body.data.nextPageToken || undefined;
    } while (pageToken);
  }

  /** Closes the keep-alive pool. */
  close(): Promise<void> {
    return this.#dispatcher.close();
  }

  /** One GET: {@link authorizedGet} with Google's errors; a 429 carries its `Retry-After`. */
  #once(path: string, query: Record<string, string>): Promise<unknown> {
    return authorizedGet({
      url: `${this.options.apiUrl}${path}?${new URLSearchParams(query).toString()}`,
      tokens: this.tokens,
      dispatcher: this.#dispatcher,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      beforeSend: () => {
        this.requestCount++;
      },
      networkError: (error) =>
        new GoogleHealthApiError(`Google Health request ${path} failed: ${error.message}`, 0, path),
      refused: (status, header) => {
        if (status === 401 || status === 403)
          throw new GoogleHealthAuthError(
            `Google Health API answered ${status} for ${path}: the token lacks the heart-rate read scope or was revoked`,
            status,
            path,
          );
        const error = new GoogleHealthApiError(
          `Google Health API answered HTTP ${status} for ${path}`,
          status,
          path,
          status === 429 || status >= 500,
        );
        const retryAfter = Number(header('retry-after'));
        if (status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
          Object.assign(error, { retryAfterMs: retryAfter * 1000 });
        throw error;
      },
    });
  }

  /** GET `path` with retries of what a retry may fix; resolves to the parsed JSON body. */
  get(path: string, query: Record<string, string>): Promise<unknown> {
    return retryingGet(() => this.#once(path, query), {
      retries: this.options.retries ?? 5,
      minTimeoutMs: this.options.retryMinTimeoutMs ?? 1_000,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      log: this.options.log,
      path,
      message: 'google health request failed, retrying',
      retryable: (error) => !(error instanceof GoogleHealthApiError && !error.retryable),
    });
  }
}
