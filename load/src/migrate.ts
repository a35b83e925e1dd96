import { fileURLToPath } from 'node:url';
import { runMigrations } from '@voyager/orchestration';

/** Folder of load's versioned migrations (`raw` tables, `raw.rejected_rows`, `voyager.load_ledger`); shipped beside the compiled code. */
export const LOAD_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

const applied = new Map<string, Promise<void>>();

/**
 * The URL the migration client connects with: `runMigrations` opens its own connection from the
 * URL alone, so `VOYAGER_DATABASE_SSL` (which the runtime's pool honours) becomes an `sslmode`
 * here (`require` -> `no-verify`: encrypt without verifying, as the pool does). A URL that names
 * its own `sslmode` is left as it is.
 */
export function migrationUrl(
  databaseUrl: string,
  ssl: 'disable' | 'require' | 'verify-full' | undefined,
): string {
  if (ssl === undefined) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.searchParams.has('sslmode')) return databaseUrl;
  url.searchParams.set('sslmode', ssl === 'require' ? 'no-verify' : ssl);
  return url.toString();
}

/**
 * Creates or upgrades load's schemas (migrations table `voyager.migrations_load`), once per
 * database URL and process. A failed attempt is forgotten so the next call tries again.
 */
export function migrateLoadSchema(databaseUrl: string): Promise<void> {
  let pending = applied.get(databaseUrl);
  if (!pending) {
    pending = runMigrations(databaseUrl, { dir: LOAD_MIGRATIONS_DIR, migrationsTable: 'migrations_load' });
    pending.catch(() => applied.delete(databaseUrl));
    applied.set(databaseUrl, pending);
  }
  return pending;
}
