/**
 * The message of anything thrown: `Error.message`, or `String(value)` for the odd library that
 * rejects with a string, `undefined` or a plain object. Never throws itself.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return (error as { message: string }).message;
  }
  return error === undefined ? 'unknown error (undefined was thrown)' : String(error);
}

/** Whether `error` says a retry cannot help (`readonly retryable = false`, e.g. Strava 401). */
export function isNonRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === false
  );
}

/** Whether `error` says the user's input was wrong (`readonly usage = true`): the CLI exits 2. */
export function isUsageError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { usage?: unknown }).usage === true;
}
