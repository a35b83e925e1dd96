import pg from 'pg';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';
import { asUnreachable } from './database-unreachable.js';
import type { Logger } from 'pino';
import { loadConfig, type VoyagerConfig } from '../config/environment.js';
import type { ObjectStore } from '../object-store/object-store.js';
import { openObjectStore } from '../object-store/open-object-store.js';
import { migrateRunStorage } from '../run-storage/migrate.js';
import { RunStorage } from '../run-storage/run-storage.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

/** Everything a run needs: warehouse, landing, run storage. Close it when done. */
export interface Runtime {
  readonly projectDir: string;
  readonly config: VoyagerConfig;
  /** The warehouse URL in use (embedded or `VOYAGER_DATABASE_URL`). Never log it: it may hold a password. */
  readonly databaseUrl: string;
  /** True when this runtime started (or reused) the embedded Postgres. */
  readonly embedded: boolean;
  readonly warehouse: pg.Pool;
  readonly landing: ObjectStore;
  readonly runStorage: RunStorage;
  /** The environment assets see (process env plus dev services' additions). */
  readonly env: Readonly<Record<string, string | undefined>>;
  close(): Promise<void>;
}

/** Options of {@link openRuntime}. */
export interface RuntimeOptions {
  readonly projectDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: Logger;
  /** Max pool connections; default 10. */
  readonly poolSize?: number;
}

/** pg SSL options from `VOYAGER_DATABASE_SSL`; undefined lets the URL's `sslmode` decide. */
function sslOption(mode: VoyagerConfig['env']['VOYAGER_DATABASE_SSL']): pg.PoolConfig['ssl'] {
  if (mode === 'disable') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-full') return { rejectUnauthorized: true };
  return undefined;
}

/**
 * Opens the runtime: validates the environment, starts the embedded Postgres when
 * `VOYAGER_DATABASE_URL` is unset (data in `$VOYAGER_HOME/postgres`, kept between runs), applies
 * the run-storage migrations and opens the landing zone.
 *
 * @throws ConfigError for a bad environment; Error when Postgres cannot be reached.
 */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = loadConfig(options.projectDir, env);
  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.env.VOYAGER_DATABASE_URL;
  if (databaseUrl === undefined) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(config.home, 'postgres'),
      port: config.env.VOYAGER_PG_PORT,
    });
    databaseUrl = embedded.url;
    options.log?.debug({ reused: embedded.reused }, 'embedded Postgres ready');
  }
  const ssl = sslOption(config.env.VOYAGER_DATABASE_SSL);
  const warehouse = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    ...(ssl === undefined ? {} : { ssl }),
  });
  let closing = false;
  warehouse.on('error', (error) => {
    // a connection the pool is closing may still hear the server's goodbye: not worth a warning
    if (!closing) options.log?.warn({ err: error.message }, 'idle warehouse connection failed');
  });
  const open = new Set<Promise<void>>();
  warehouse.on('connect', (client) => {
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(ended);
    void ended.then(() => open.delete(ended));
  });
  /** Ends the pool and waits until every connection is really closed (pg's end() does not), before the server stops. */
  const endPool = async () => {
    closing = true;
    await warehouse.end();
    await Promise.race([Promise.all(open), new Promise((r) => setTimeout(r, 5_000).unref())]);
  };
  try {
    await migrateRunStorage(databaseUrl, ssl);
  } catch (error) {
    await endPool();
    await embedded?.stop();
    if (embedded === undefined) throw asUnreachable(error, databaseUrl) ?? error;
    throw error;
  }
  const runStorage = new RunStorage(warehouse);
  const dead = await runStorage.failDeadRuns(hostname(), isAlive).catch((error: Error) => {
    options.log?.warn({ err: error.message }, 'could not check for runs whose process is gone');
    return [];
  });
  if (dead.length > 0)
    options.log?.warn({ runs: dead }, 'marked runs failed whose process is gone (killed or crashed)');
  const landing = openObjectStore(config.landingUrl, env);
  const runEnv = { ...env, VOYAGER_DATABASE_URL: databaseUrl, VOYAGER_LANDING_URL: config.landingUrl };
  return {
    projectDir: options.projectDir,
    config,
    databaseUrl,
    embedded: embedded !== undefined,
    warehouse,
    landing,
    runStorage,
    env: runEnv,
    async close() {
      await endPool();
      await embedded?.stop();
    },
  };
}
