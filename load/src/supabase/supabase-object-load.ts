import type { SupabaseClient } from '@supabase/supabase-js';
import type { LoadObjectOptions, LoadObjectResult } from '../load-target.js';
import { ndjsonLines } from '@voyager/orchestration';
import type { RawTable } from '../raw-table.js';
import {
  NO_RETRY,
  postgrestRequest,
  postgrestUnit,
  type PostgrestResponse,
  type RetryOptions,
} from './postgrest-request.js';
import { upsertLedgerRowRest } from './ledger-row.js';
import { SupabaseRowEncoder, type RestRow } from './supabase-row-encoder.js';
import { verifiedLocalCopy } from './verified-local-copy.js';

/** Ids per `in.(...)` filter: keeps the request URL short. */
const IDS_PER_FILTER = 200;

/** What {@link supabaseLoadObject} needs besides the object. */
export interface SupabaseLoadContext {
  readonly client: SupabaseClient;
  /** Rows per request. */
  readonly batchRows: number;
  readonly retry: RetryOptions;
}

type Call<T = unknown> = () => PromiseLike<PostgrestResponse<T>>;

/**
 * Loads one landing object through PostgREST: downloads and verifies it once, deletes what an
 * earlier version of it wrote, then sends its rows in batches. Every write survives a response
 * lost after its commit: upserts and deletes are idempotent by themselves; an insert (stream
 * points, append-only rows, rejected rows) is one retried unit with the delete of exactly the
 * rows it writes (the batch's activities, or its lines), so a retry replaces instead of doubling.
 * The ledger row is written last.
 * @throws ObjectChecksumError before any request when the bytes do not match the manifest.
 */
export async function supabaseLoadObject(
  context: SupabaseLoadContext,
  options: LoadObjectOptions,
): Promise<LoadObjectResult> {
  const { table, object, signal } = options;
  const { client, retry, batchRows } = context;
  const copy = await verifiedLocalCopy(await options.open(), object, signal);
  const raw = () => client.schema('raw');
  const send = <T>(what: string, call: Call<T>) => postgrestRequest(what, call, retry, signal);
  const once = <T>(what: string, call: Call<T>) => postgrestRequest(what, call, NO_RETRY, signal);
  const unit = (steps: () => Promise<void>) => postgrestUnit(steps, retry, signal);
  const source = table.appendOnly?.sourceObjectColumn ?? '_source_object';
  try {
    await send('delete rejected rows', () =>
      raw().from('rejected_rows').delete().eq('target_table', table.table).eq('source_object', object.key),
    );
    if (!table.replaceBy) {
      await send('delete earlier rows of the object', () =>
        raw().from(table.table).delete().eq(source, object.key),
      );
    }
    const encoder = new SupabaseRowEncoder(table, object.key, new Date().toISOString());
    const deleted = new Set<unknown>();
    const deletedAlso = new Set<unknown>();
    const deleteIn = async (
      request: typeof send,
      tableName: string,
      column: string,
      values: readonly unknown[],
      eq: Readonly<Record<string, string>> = {},
    ) => {
      for (let i = 0; i < values.length; i += IDS_PER_FILTER) {
        const ids = values.slice(i, i + IDS_PER_FILTER);
        await request(`delete rows of ${tableName} by ${column}`, () => {
          let query = raw().from(tableName).delete();
          for (const [k, v] of Object.entries(eq)) query = query.eq(k, v);
          return query.in(column, ids);
        });
      }
    };
    // updates are idempotent: a retried one sets the same value again
    const propagate = async (p: NonNullable<RawTable['propagate']>, rows: readonly RestRow[]) => {
      const byValue = new Map<unknown, unknown[]>();
      for (const r of rows) {
        const keys = byValue.get(r[p.from]) ?? [];
        keys.push(r[p.key]);
        byValue.set(r[p.from], keys);
      }
      for (const [value, keys] of byValue) {
        for (let i = 0; i < keys.length; i += IDS_PER_FILTER) {
          const ids = keys.slice(i, i + IDS_PER_FILTER);
          await send(`set raw.${p.table}.${p.column}`, () =>
            raw()
              .from(p.table)
              .update({ [p.column]: value })
              .in(p.key, ids),
          );
        }
      }
    };
    const writeRows = async (rows: RestRow[]) => {
      const fresh = table.replaceBy
        ? [...new Set(rows.map((r) => r[table.replaceBy!]))].filter((v) => !deleted.has(v))
        : [];
      const insert = `insert ${rows.length} rows into raw.${table.table}`;
      if (table.bulk) {
        // every activity of the batch is fresh (a repeat is rejected): its points are only ours
        await unit(async () => {
          await deleteIn(once, table.table, table.replaceBy!, fresh);
          await once(insert, () => raw().from(table.table).insert(rows));
        });
      } else if (table.appendOnly) {
        const { lineColumn } = table.appendOnly;
        const lines = [...new Set(rows.map((r) => r[lineColumn]))];
        await unit(async () => {
          await deleteIn(once, table.table, lineColumn, lines, { [source]: object.key });
          await once(insert, () => raw().from(table.table).insert(rows));
        });
      } else {
        if (table.replaceBy) await deleteIn(send, table.table, table.replaceBy, fresh);
        if (table.replaceAlsoBy) {
          // the object's batches share these values: delete the earlier rows before the first batch only
          const also = table.replaceAlsoBy;
          const freshAlso = [...new Set(rows.map((r) => r[also]))].filter((v) => !deletedAlso.has(v));
          await deleteIn(send, table.table, also, freshAlso);
          freshAlso.forEach((v) => deletedAlso.add(v));
        }
        const batch = lastPerKey(rows, table.key);
        await send(`upsert ${batch.length} rows into raw.${table.table}`, () =>
          raw()
            .from(table.table)
            .upsert(batch, { onConflict: table.key.join(',') }),
        );
        if (table.propagate) await propagate(table.propagate, batch);
      }
      fresh.forEach((v) => deleted.add(v));
    };
    // a line's rejects are all in one batch and batches hold disjoint lines: delete by line is exact
    const writeRejects = (rejects: RestRow[]) =>
      unit(async () => {
        const lines = [...new Set(rejects.map((r) => r.line))];
        await deleteIn(once, 'rejected_rows', 'line', lines, {
          target_table: table.table,
          source_object: object.key,
        });
        await once('insert rejected rows', () => raw().from('rejected_rows').insert(rejects));
      });

    let rows: RestRow[] = [];
    let rejects: RestRow[] = [];
    const flush = async () => {
      if (rows.length > 0) await writeRows(rows);
      if (rejects.length > 0) await writeRejects(rejects);
      rows = [];
      rejects = [];
    };
    const body = ndjsonLines(copy.open(), object.key.endsWith('.gz'));
    let lineNumber = 0;
    for await (const batch of body.lines) {
      signal?.throwIfAborted();
      for (const line of batch) {
        encoder.encode(line, ++lineNumber, rows, rejects);
        if (rows.length >= batchRows || rejects.length >= batchRows) await flush();
      }
    }
    await flush();
    const { rows: loaded, rejected } = encoder.counts;
    await upsertLedgerRowRest(
      client,
      {
        table: table.table,
        key: object.key,
        sha256: object.sha256,
        rows: loaded,
        rejected,
        runId: options.runId,
      },
      { what: 'write ledger', retry, signal },
    );
    return { rows: loaded, rejected, newFields: [...encoder.newFields].sort() };
  } finally {
    await copy.dispose();
  }
}

/** The last row of each key (PostgREST upsert refuses a batch that touches a row twice). */
function lastPerKey(rows: readonly RestRow[], key: readonly string[]): RestRow[] {
  const byKey = new Map<string, RestRow>();
  for (const r of rows) byKey.set(key.map((k) => String(r[k])).join('\u0001'), r);
  return [...byKey.values()];
}
