import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LoadObjectOptions, LoadObjectResult } from '../load-target.js';
import { ndjsonLines, ObjectChecksumError } from '../ndjson-lines.js';
import { RowEncoder } from '../row-encoder.js';
import { mergeSql } from './merge-sql.js';

/** Bytes of COPY text gathered before one write to the socket. */
const WRITE_BYTES = 256 * 1024;

/**
 * Loads one landing object into `raw.<table>` in one transaction: COPY (text format, streamed)
 * into a temp staging table, merge into the target (upsert by key, or replace by `replaceBy`),
 * replace the object's rejected rows, write the ledger row. A crash or a checksum mismatch rolls
 * everything back: no partial object is ever visible.
 *
 * @throws ObjectChecksumError when the bytes read do not match the manifest's sha256; the SQL error otherwise.
 */
export async function postgresLoadObject(pool: Pool, options: LoadObjectOptions): Promise<LoadObjectResult> {
  const { table, object, signal } = options;
  const sql = mergeSql(table);
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin');
    // one loader per table at a time: concurrent retries of the same step wait here
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`voyager.load:${table.table}`]);
    await client.query(sql.createStaging);
    const encoder = new RowEncoder(table);
    const copy = client.query(copyFrom(sql.copy));
    const body = ndjsonLines(await options.open(), object.key.endsWith('.gz'));
    let lineNumber = 0;
    let out: string[] = [];
    let chars = 0;
    try {
      for await (const batch of body.lines) {
        signal?.throwIfAborted();
        const before = out.length;
        for (const line of batch) encoder.encode(line, ++lineNumber, out);
        for (let i = before; i < out.length; i++) chars += out[i]!.length;
        if (chars >= WRITE_BYTES) {
          if (!copy.write(out.join(''))) await once(copy, 'drain', signal ? { signal } : {});
          out = [];
          chars = 0;
        }
      }
      if (out.length > 0) copy.write(out.join(''));
      copy.end();
      await finished(copy);
    } catch (error) {
      copy.destroy(error as Error);
      throw error;
    }
    const actual = body.digest();
    if (actual !== object.sha256) throw new ObjectChecksumError(object.key, object.sha256, actual);
    const loadedAt = new Date().toISOString();
    if (!table.replaceBy) await client.query(sql.deletePrevious, [object.key]);
    if (sql.deleteReplaced) await client.query(sql.deleteReplaced);
    await client.query(sql.merge, [object.key, loadedAt]);
    await client.query(sql.deleteRejected, [table.table, object.key]);
    await client.query(sql.insertRejected, [table.table, object.key]);
    const { rows, rejected } = encoder.counts;
    await client.query(
      `insert into "voyager"."load_ledger" ("target_table", "object_key", "sha256", "rows_loaded", "rows_rejected", "run_id", "loaded_at")
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict ("target_table", "object_key") do update set "sha256" = excluded."sha256",
         "rows_loaded" = excluded."rows_loaded", "rows_rejected" = excluded."rows_rejected",
         "run_id" = excluded."run_id", "loaded_at" = excluded."loaded_at"`,
      [table.table, object.key, object.sha256, rows, rejected, options.runId, loadedAt],
    );
    await client.query('commit');
    return { rows, rejected, newFields: [...encoder.newFields].sort() };
  } catch (error) {
    failed = true;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    // a connection whose COPY broke may be in an unknown state: do not return it to the pool
    client.release(failed);
  }
}
