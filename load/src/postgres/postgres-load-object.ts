import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { escapeCopyText } from '../copy-format.js';
import type { LoadObjectOptions, LoadObjectResult } from '../load-target.js';
import type { RawTable } from '../raw-table.js';
import { ndjsonLines, ObjectChecksumError } from '@voyager/orchestration';
import { RowEncoder } from '../row-encoder.js';
import { upsertLedgerRow } from './ledger-row.js';
import { BinaryBulkEncoder } from './binary-bulk-encoder.js';
import { BinaryCopyBuffer } from './copy-binary.js';
import { mergeSql, type MergeSql } from './merge-sql.js';

/** What a load path reports back: the encoder's counts and drift. */
type EncodeResult = Pick<RowEncoder, 'counts' | 'newFields'>;
import { RejectSpool } from './reject-spool.js';

/** Characters of COPY text gathered before one write to the socket. */
const WRITE_CHARS = 256 * 1024;

/** Where `copyObject` sends what the encoder produced for one batch of lines. */
interface CopySink {
  encode(line: string, lineNumber: number): void;
  /** Bytes or text ready to write, when at least `WRITE_CHARS` gathered (or `final`). */
  drain(final: boolean): Promise<Buffer | string | undefined>;
}

/** Streams the object's lines through `sink` into one COPY and verifies the object's sha256. */
async function copyObject(
  client: PoolClient,
  copySql: string,
  sink: CopySink,
  options: LoadObjectOptions,
): Promise<void> {
  const { object, signal } = options;
  const copy = client.query(copyFrom(copySql));
  // destroying the COPY (a corrupt gzip, a cancel) emits 'error' on it: we throw the cause ourselves
  copy.on('error', () => {});
  const body = ndjsonLines(await options.open(), object.key.endsWith('.gz'));
  let lineNumber = 0;
  try {
    for await (const batch of body.lines) {
      signal?.throwIfAborted();
      for (const line of batch) sink.encode(line, ++lineNumber);
      const chunk = await sink.drain(false);
      if (chunk !== undefined && !copy.write(chunk)) await once(copy, 'drain', signal ? { signal } : {});
    }
    const last = await sink.drain(true);
    if (last !== undefined) copy.write(last);
    copy.end();
    await finished(copy);
  } catch (error) {
    copy.destroy(error as Error);
    throw error;
  }
  const actual = body.digest();
  if (actual !== object.sha256) throw new ObjectChecksumError(object.key, object.sha256, actual);
}

/** Text sink of the staging path: staging-table COPY lines, rejected rows included. */
function textSink(encoder: RowEncoder): CopySink {
  let out: string[] = [];
  let chars = 0;
  const none: string[] = [];
  return {
    encode(line, n) {
      const before = out.length;
      encoder.encode(line, n, out, none);
      for (let i = before; i < out.length; i++) chars += out[i]!.length;
    },
    async drain(final) {
      if (out.length === 0 || (!final && chars < WRITE_CHARS)) return undefined;
      const text = out.join('');
      out = [];
      chars = 0;
      return text;
    },
  };
}

/** Binary sink of the bulk path: COPY binary rows; rejected rows go to `spool` with `rejectPrefix`. */
function binarySink(encoder: BinaryBulkEncoder, spool: RejectSpool, rejectPrefix: string): CopySink {
  let rejects: string[] = [];
  const goods: null[] = [];
  let started = false;
  return {
    encode(line, n) {
      encoder.encode(line, n, goods, rejects);
      goods.length = 0;
    },
    async drain(final) {
      if (rejects.length > 0) {
        await spool.add(rejects.map((r) => rejectPrefix + r));
        rejects = [];
      }
      if (!final && encoder.buffer.pos < WRITE_CHARS) return undefined;
      const rows = encoder.buffer.take();
      const parts = [
        ...(started ? [] : [BinaryCopyBuffer.header]),
        rows,
        ...(final ? [BinaryCopyBuffer.trailer] : []),
      ];
      started = true;
      return Buffer.concat(parts);
    },
  };
}

/** Staging path: COPY into a temp table, then merge into the target and `raw.rejected_rows`. */
async function stagedLoad(
  client: PoolClient,
  sql: MergeSql,
  options: LoadObjectOptions,
): Promise<EncodeResult> {
  const { table, object } = options;
  const encoder = new RowEncoder(table);
  await client.query(sql.createStaging);
  await copyObject(client, sql.copy, textSink(encoder), options);
  if (!table.replaceBy) await client.query(sql.deletePrevious, [object.key]);
  if (sql.deleteReplaced) await client.query(sql.deleteReplaced);
  await client.query(sql.merge, [object.key, new Date().toISOString()]);
  if (sql.propagate) await client.query(sql.propagate);
  await client.query(sql.insertRejected, [table.table, object.key]);
  return encoder;
}

/** Bulk path: COPY straight into the target, then drop the replaced rows and COPY the rejected ones. */
async function bulkLoad(
  client: PoolClient,
  sql: MergeSql,
  options: LoadObjectOptions,
  spool: RejectSpool,
  vacuum: { needed: boolean },
): Promise<EncodeResult> {
  const { table, object } = options;
  const encoder = new BinaryBulkEncoder(table);
  await client.query(`select set_config('voyager.source_object', $1, true)`, [object.key]);
  const prefix = `${escapeCopyText(table.table)}\t${escapeCopyText(object.key)}\t`;
  await copyObject(client, sql.copyBulk, binarySink(encoder, spool, prefix), options);
  const replaced = await client.query(sql.deleteReplacedBulk!, [[...encoder.replaced.keys()].map(String)]);
  vacuum.needed = (replaced.rowCount ?? 0) > 0;
  const rejected = await spool.read();
  if (rejected === '') return encoder;
  await pipeline(
    typeof rejected === 'string' ? Readable.from([rejected]) : rejected,
    client.query(copyFrom(sql.copyRejected)),
  );
  return encoder;
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
  return inLoadTransaction(pool, options.table, async (client, vacuum) => {
    const result = await loadObjectIn(client, options);
    vacuum.needed = result.vacuum;
    return result;
  });
}

/**
 * Runs `work` in one transaction holding the table's load lock, then vacuums the table when
 * `work` replaced rows. Rolls back on any error; a connection whose COPY broke is discarded.
 */
export async function inLoadTransaction<T>(
  pool: Pool,
  table: RawTable,
  work: (client: PoolClient, vacuum: { needed: boolean }) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin');
    // one loader per table at a time: concurrent retries of the same step wait here
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`voyager.load:${table.table}`]);
    const vacuum = { needed: false };
    const result = await work(client, vacuum);
    await client.query('commit');
    // replaced points are dead rows: make their space reusable now, or every replacement grows the
    // table until autovacuum comes by (cheap: the visibility map skips the untouched pages)
    if (vacuum.needed) await client.query(`vacuum ${mergeSql(table).target}`).catch(() => undefined);
    return result;
  } catch (error) {
    failed = true;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    // a connection whose COPY broke may be in an unknown state: do not return it to the pool
    client.release(failed);
  }
}

/**
 * One object's load inside the caller's transaction: its earlier rejected rows replaced, its rows
 * merged (or, bulk, copied with the replaced ones deleted), its ledger row written. `vacuum`: the
 * load deleted rows.
 */
export async function loadObjectIn(
  client: PoolClient,
  options: LoadObjectOptions,
): Promise<LoadObjectResult & { readonly vacuum: boolean }> {
  const { table, object } = options;
  const sql = mergeSql(table);
  const spool = new RejectSpool();
  try {
    await client.query(sql.deleteRejected, [table.table, object.key]);
    const vacuum = { needed: false };
    const encoder = table.bulk
      ? await bulkLoad(client, sql, options, spool, vacuum)
      : await stagedLoad(client, sql, options);
    const { rows, rejected } = encoder.counts;
    await upsertLedgerRow(client, {
      table: table.table,
      key: object.key,
      sha256: object.sha256,
      rows,
      rejected,
      runId: options.runId,
    });
    return { rows, rejected, newFields: [...encoder.newFields].sort(), vacuum: vacuum.needed };
  } finally {
    await spool.dispose();
  }
}
