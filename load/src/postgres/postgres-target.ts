import type { Pool } from 'pg';
import type {
  LandingObjectRef,
  LoadObjectOptions,
  LoadObjectResult,
  LoadTarget,
  ReplaceRowsOptions,
} from '../load-target.js';
import { migrateLoadSchema, migrationUrl } from '../migrate.js';
import { inLoadTransaction, loadObjectIn, postgresLoadObject } from './postgres-load-object.js';
import { qualifiedName, quoteIdent } from './sql.js';
import { upsertLedgerRow } from './ledger-row.js';

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

  replaceRows(options: ReplaceRowsOptions): Promise<LoadObjectResult & { deleted: number }> {
    const { table, replaced: r } = options;
    return inLoadTransaction(this.pool, table, async (client, vacuum) => {
      const deleted = await client.query(
        `delete from ${qualifiedName('raw', table.table)} where ${quoteIdent(r.column)} = $1
           and ${quoteIdent(r.timeColumn)} >= $2 and ${quoteIdent(r.timeColumn)} < $3`,
        [r.value, r.start, r.end],
      );
      let rows = 0;
      let rejected = 0;
      const newFields = new Set<string>();
      for (const o of options.objects) {
        options.signal?.throwIfAborted();
        const result = await loadObjectIn(client, {
          ...o,
          table,
          runId: options.runId,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        rows += result.rows;
        rejected += result.rejected;
        if (result.vacuum) vacuum.needed = true;
        for (const f of result.newFields) newFields.add(f);
      }
      await upsertLedgerRow(client, {
        ...options.marker,
        table: table.table,
        rows: 0,
        rejected: 0,
        runId: options.runId,
      });
      if ((deleted.rowCount ?? 0) > 0) vacuum.needed = true;
      return { rows, rejected, newFields: [...newFields].sort(), deleted: deleted.rowCount ?? 0 };
    });
  }

  async recordMarker(table: string, marker: { key: string; sha256: string }, runId: string): Promise<void> {
    await upsertLedgerRow(this.pool, { ...marker, table, rows: 0, rejected: 0, runId });
  }

  async rejectedWindow(table: string, minRows: number): Promise<{ rows: number; rejected: number }> {
    const { rows } = await this.pool.query<{ rows: string | null; rejected: string | null }>(
      `select sum("rows_loaded") as rows, sum("rows_rejected") as rejected
         from (select "rows_loaded", "rows_rejected",
                      sum("rows_loaded" + "rows_rejected") over (order by "loaded_at" desc, "object_key" desc)
                        - ("rows_loaded" + "rows_rejected") as before
                 from "voyager"."load_ledger" where "target_table" = $1) newest
        where before < $2`,
      [table, minRows],
    );
    return { rows: Number(rows[0]?.rows ?? 0), rejected: Number(rows[0]?.rejected ?? 0) };
  }

  async quarantineObject(
    table: string,
    object: LandingObjectRef,
    reason: string,
    runId: string,
  ): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query('delete from raw.rejected_rows where target_table = $1 and source_object = $2', [
        table,
        object.key,
      ]);
      await client.query(
        `insert into raw.rejected_rows (target_table, source_object, line, reason) values ($1, $2, 0, $3)`,
        [table, object.key, `object quarantined: ${reason}`],
      );
      await upsertLedgerRow(client, {
        table,
        key: object.key,
        sha256: object.sha256,
        rows: 0,
        rejected: object.records,
        runId,
      });
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
