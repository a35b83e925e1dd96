import { errorMessage } from '../errors.js';

/** Error codes of a server that cannot be reached or refuses us (node net errors and Postgres SQLSTATEs). */
const CONNECTION_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: no server listens there',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  '28P01': 'password authentication failed',
  '28000': 'the server refused this user',
  '3D000': 'the database does not exist',
};

/**
 * Thrown when the warehouse named by `VOYAGER_DATABASE_URL` cannot be reached or refuses the
 * connection. The CLI exits 2 (`usage`): the setting is what to fix. The container entry point
 * exits 1, so its launcher retries (a database may be back in a moment).
 */
export class DatabaseUnreachableError extends Error {
  readonly usage = true;
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(
      `VOYAGER_DATABASE_URL: cannot connect to ${target} (${reason}); check that the server runs and the URL's host, port, database and user, or unset it to use the embedded Postgres`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** `error` as a {@link DatabaseUnreachableError} when it is a connection failure to `url`, else undefined. Never includes the password. */
export function asUnreachable(error: unknown, url: string): DatabaseUnreachableError | undefined {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? CONNECTION_CODES[code] : undefined;
  if (reason === undefined) return undefined;
  let target = 'the server';
  try {
    const u = new URL(url);
    target = `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    // a URL pg accepted but WHATWG does not: keep the generic name
  }
  return new DatabaseUnreachableError(
    target,
    `${reason}: ${errorMessage(error).replace(url, '')}`.slice(0, 200),
  );
}
