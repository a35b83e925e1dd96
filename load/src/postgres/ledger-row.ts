import type { PoolClient } from 'pg';

/** One row of `voyager.load_ledger`: an object (or a marker) loaded into `raw.<table>`. */
export interface LedgerRow {
  /** The raw table's name, without schema. */
  readonly table: string;
  /** The landing object's key (or a marker's key). */
  readonly key: string;
  /** The object's sha256 (hex), or the marker's version. */
  readonly sha256: string;
  /** Rows loaded and rejected from the object. */
  readonly rows: number;
  readonly rejected: number;
  readonly runId: string;
}

/**
 * Writes (or replaces) the ledger row of one object inside the caller's transaction, so the row
 * commits atomically with the object's rows: a later run that finds this sha256 under this key
 * skips the object.
 * @throws the SQL error.
 */
export async function upsertLedgerRow(client: Pick<PoolClient, 'query'>, row: LedgerRow): Promise<void> {
  await client.query(
    `insert into "voyager"."load_ledger" ("target_table", "object_key", "sha256", "rows_loaded", "rows_rejected", "run_id", "loaded_at")
     values ($1, $2, $3, $4, $5, $6, now())
     on conflict ("target_table", "object_key") do update set "sha256" = excluded."sha256",
       "rows_loaded" = excluded."rows_loaded", "rows_rejected" = excluded."rows_rejected",
       "run_id" = excluded."run_id", "loaded_at" = excluded."loaded_at"`,
    [row.table, row.key, row.sha256, row.rows, row.rejected, row.runId],
  );
}
