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

  async loadedSha256(table: string, objectKey: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ sha256: string }>(
      'select "sha256" from "voyager"."load_ledger" where "target_table" = $1 and "object_key" = $2',
      [table, objectKey],
    );
    return rows[0]?.sha256;
  }

  loadObject(options: LoadObjectOptions): Promise<LoadObjectResult> {
    return postgresLoadObject(this.pool, options);
  }
}
