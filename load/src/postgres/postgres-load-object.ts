import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { escapeCopyText } from '../copy-format.js';
import type { LoadObjectOptions, LoadObjectResult } from '../load-target.js';
import { ndjsonLines, ObjectChecksumError } from '../ndjson-lines.js';
import { RowEncoder } from '../row-encoder.js';
import { mergeSql, type MergeSql } from './merge-sql.js';
import { RejectSpool } from './reject-spool.js';

/** Characters of COPY text gathered before one write to the socket. */
const WRITE_CHARS = 256 * 1024;

/** Streams the object's lines through the encoder into one COPY; rejected rows of bulk tables go to `spool`. */
async function copyObject(
  client: PoolClient,
  copySql: string,
  encoder: RowEncoder,
  options: LoadObjectOptions,
  spool: RejectSpool,
  rejectPrefix: string,
): Promise<void> {
  const { object, signal } = options;
  const copy = client.query(copyFrom(copySql));
  const body = ndjsonLines(await options.open(), object.key.endsWith('.gz'));
  let lineNumber = 0;
  let out: string[] = [];
  let chars = 0;
  try {
    for await (const batch of body.lines) {
      signal?.throwIfAborted();
      const before = out.length;
      const rejects: string[] = [];
      for (const line of batch) encoder.encode(line, ++lineNumber, out, rejects);
      if (rejects.length > 0) await spool.add(rejects.map((r) => rejectPrefix + r));
      for (let i = before; i < out.length; i++) chars += out[i]!.length;
      if (chars >= WRITE_CHARS) {
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
}

/** Staging path: COPY into a temp table, then merge into the target and `raw.rejected_rows`. */
async function stagedLoad(
  client: PoolClient,
  sql: MergeSql,
  encoder: RowEncoder,
  options: LoadObjectOptions,
  spool: RejectSpool,
): Promise<void> {
  const { table, object } = options;
  await client.query(sql.createStaging);
  await copyObject(client, sql.copy, encoder, options, spool, '');
  if (!table.replaceBy) await client.query(sql.deletePrevious, [object.key]);
  if (sql.deleteReplaced) await client.query(sql.deleteReplaced);
  await client.query(sql.merge, [object.key, new Date().toISOString()]);
  await client.query(sql.insertRejected, [table.table, object.key]);
}

/** Bulk path: COPY straight into the target, then drop the replaced rows and COPY the rejected ones. */
async function bulkLoad(
  client: PoolClient,
  sql: MergeSql,
  encoder: RowEncoder,
  options: LoadObjectOptions,
  spool: RejectSpool,
): Promise<void> {
  const { table, object } = options;
  await client.query(`select set_config('voyager.source_object', $1, true)`, [object.key]);
  const prefix = `${escapeCopyText(table.table)}\t${escapeCopyText(object.key)}\t`;
  await copyObject(client, sql.copyBulk, encoder, options, spool, prefix);
  await client.query(sql.deleteReplacedBulk!, [[...encoder.replaced.keys()].map(String)]);
  const rejected = await spool.read();
  if (rejected === '') return;
  await pipeline(
    typeof rejected === 'string' ? Readable.from([rejected]) : rejected,
    client.query(copyFrom(sql.copyRejected)),
  );
}

/**
 * Loads one landing object into `raw.<table>` in one transaction: COPY (text format, streamed)
 * into a temp staging table and merge (upsert by key, or replace by `replaceBy`), or, for bulk
 * tables, COPY straight into the table and delete the replaced rows; replace the object's
 * rejected rows; write the ledger row. A crash or a checksum mismatch rolls everything back: no
 * partial object is ever visible.
 *
 * @throws ObjectChecksumError when the bytes read do not match the manifest's sha256; the SQL error otherwise.
 */
export async function postgresLoadObject(pool: Pool, options: LoadObjectOptions): Promise<LoadObjectResult> {
  const { table, object } = options;
  const sql = mergeSql(table);
  const encoder = new RowEncoder(table);
  const spool = new RejectSpool();
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin');
    // one loader per table at a time: concurrent retries of the same step wait here
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`voyager.load:${table.table}`]);
    await client.query(sql.deleteRejected, [table.table, object.key]);
    await (table.bulk ? bulkLoad : stagedLoad)(client, sql, encoder, options, spool);
    const { rows, rejected } = encoder.counts;
    await client.query(
      `insert into "voyager"."load_ledger" ("target_table", "object_key", "sha256", "rows_loaded", "rows_rejected", "run_id", "loaded_at")
       values ($1, $2, $3, $4, $5, $6, now())
       on conflict ("target_table", "object_key") do update set "sha256" = excluded."sha256",
         "rows_loaded" = excluded."rows_loaded", "rows_rejected" = excluded."rows_rejected",
         "run_id" = excluded."run_id", "loaded_at" = excluded."loaded_at"`,
      [table.table, object.key, object.sha256, rows, rejected, options.runId],
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
    await spool.dispose();
  }
}
