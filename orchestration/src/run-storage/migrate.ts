import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

/** Options of {@link runMigrations}. */
export interface MigrationOptions {
  /** Folder of versioned `<timestamp>_<name>.sql` files (`-- Up Migration` / `-- Down Migration`). */
  readonly dir: string;
  /** Ledger table name, one per package (e.g. `migrations_run_storage`); lives in schema `voyager`. */
  readonly migrationsTable: string;
  /** TLS of the migration connection (as the runtime's pool: from `VOYAGER_DATABASE_SSL`); default: as the URL says. */
  readonly ssl?: pg.ClientConfig['ssl'];
}

/**
 * Applies pending versioned migrations (node-pg-migrate) in one transaction. Concurrent callers
 * (several process-isolated steps starting at once) wait on node-pg-migrate's advisory lock.
 *
 * @throws the migration's SQL error, with nothing applied.
 */
export async function runMigrations(databaseUrl: string, options: MigrationOptions): Promise<void> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
  });
  await client.connect();
  try {
    await client.query('create schema if not exists voyager');
    await runner({
      dbClient: client,
      dir: options.dir,
      migrationsTable: options.migrationsTable,
      migrationsSchema: 'voyager',
      direction: 'up',
      singleTransaction: true,
      checkOrder: true,
      advisoryLockMode: 'wait',
      log: () => {},
    });
  } finally {
    await client.end();
  }
}

/** Folder of the run storage migrations (shipped beside the compiled code). */
export const RUN_STORAGE_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Creates or upgrades the `voyager` run-storage schema; `ssl` as for {@link MigrationOptions}. */
export function migrateRunStorage(databaseUrl: string, ssl?: pg.ClientConfig['ssl']): Promise<void> {
  return runMigrations(databaseUrl, {
    dir: RUN_STORAGE_MIGRATIONS_DIR,
    migrationsTable: 'migrations_run_storage',
    ...(ssl === undefined ? {} : { ssl }),
  });
}
