/** A Google Health API failure: the HTTP status (0 for a network error) and the path, never a token. */
export class GoogleHealthApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly path: string,
    /** Whether a retry may help (5xx, network); false for 4xx. */
    readonly retryable = status === 0 || status >= 500,
  ) {
    super(message);
    this.name = 'GoogleHealthApiError';
  }
}

/** The credentials were refused (token grant 400/401, or the API's 401/403). Not retryable. */
export class GoogleHealthAuthError extends GoogleHealthApiError {
  constructor(message: string, status: number, path: string) {
    super(message, status, path, false);
    this.name = 'GoogleHealthAuthError';
  }
}

/** Missing or malformed `GOOGLE_HEALTH_*` variables: one line per problem, naming the variable. */
export class GoogleHealthCredentialsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'GoogleHealthCredentialsError';
  }
}
