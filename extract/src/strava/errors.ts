/** Base of every Strava API failure: carries the HTTP status and the request path (never a token). */
export class StravaApiError extends Error {
  /** Whether the executor may retry the step; false for what a retry cannot fix. */
  readonly retryable: boolean;
  constructor(
    message: string,
    readonly status: number,
    readonly path: string,
    retryable = true,
  ) {
    super(message);
    this.name = 'StravaApiError';
    this.retryable = retryable;
  }
}

/** 401 from the API or a rejected token grant: the credentials are wrong or revoked. Not retryable. */
export class StravaAuthError extends StravaApiError {
  constructor(message: string, status: number, path: string) {
    super(message, status, path, false);
    this.name = 'StravaAuthError';
  }
}

/** 404 for an id Strava does not know (deleted, or not the athlete's). Not retryable. */
export class StravaNotFoundError extends StravaApiError {
  constructor(path: string) {
    super(`Strava has no resource at ${path} (404)`, 404, path, false);
    this.name = 'StravaNotFoundError';
  }
}

/**
 * A rate limit is used up and the reset is further away than the allowed wait
 * (`STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS`). The asset saved its cursor before throwing; run it again
 * after `resumeAt`. Not retryable: an immediate retry would only get another 429.
 */
export class StravaRateLimitError extends StravaApiError {
  constructor(
    readonly resumeAt: Date,
    readonly limit: 'quarter-hour' | 'daily',
    path: string,
  ) {
    super(
      `Strava ${limit} rate limit reached; progress is saved, run again after ${resumeAt.toISOString()} to resume`,
      429,
      path,
      false,
    );
    this.name = 'StravaRateLimitError';
  }
}

/** Missing or malformed Strava credentials; `problems` has one line per variable (names only, never values). */
export class StravaCredentialsError extends Error {
  readonly retryable = false;
  constructor(readonly problems: readonly string[]) {
    super(`Strava credentials are not usable:\n${problems.join('\n')}`);
    this.name = 'StravaCredentialsError';
  }
}
