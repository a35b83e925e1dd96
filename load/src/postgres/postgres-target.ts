import type { Pool } from 'pg';
import type { LoadObjectOptions, LoadObjectResult, LoadTarget } from '../load-target.js';
import { migrateLoadSchema, migrationUrl } from '../migrate.js';
import { postgresLoadObject } from './postgres-load-object.js';

/**
 * The `postgres` target (default): any Postgres, a Supabase database URL included. Uses the
 * runtime's pool (TLS as `VOYAGER_DATABASE_SSL` configured it) and applies load's migrations.
 */
export class PostgresTarget implements LoadTarget {
  readonly name = 'postgres';

  /** `ssl`: `VOYAGER_DATABASE_SSL`, applied to the migration connection too. */
  constructor(
    private readonly pool: Pool,
    private readonly databaseUrl: string,
    private readonly ssl?: 'disable' | 'require' | 'verify-full',
  ) {}

  prepare(): Promise<void> {
    return migrateLoadSchema(migrationUrl(this.databaseUrl, this.ssl));
  }

  async loadedObjects(table: string): Promise<ReadonlyMap<string, string>> {
    const { rows } = await this.pool.query<{ object_key: string; sha256: string }>(
      'select "object_key", "sha256" from "voyager"."load_ledger" where "target_table" = $1',
      [table],
    );
    return new Map(rows.map((r) => [r.object_key, r.sha256]));
  }

  loadObject(options: LoadObjectOptions): Promise<LoadObjectResult> {
    return postgresLoadObject(this.pool, options);
  }
}
