import { createHash } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { LoadConfigError } from '../load-environment.js';
import type { LoadObjectOptions, LoadObjectResult, LoadTarget } from '../load-target.js';
import { ndjsonLines, ObjectChecksumError } from '../ndjson-lines.js';
import { DEFAULT_RETRY, postgrestRequest, type RetryOptions } from './postgrest-request.js';
import { SupabaseRowEncoder, type RestRow } from './supabase-row-encoder.js';

/** Options of {@link SupabaseTarget}. */
export interface SupabaseTargetOptions {
  /** Project URL, e.g. `https://abcd.supabase.co`. */
  readonly url: string;
  /** Service-role key (a secret: never logged, never in errors). */
  readonly serviceRoleKey: string;
  /** Rows per request; default 500. */
  readonly batchRows?: number;
  readonly retry?: RetryOptions;
}

/**
 * The `supabase` target, for a user who has only the project URL and a service-role key:
 * batched PostgREST upserts (supabase-js) with on-conflict keys, retry on 429 and 5xx, and the
 * same ledger (`voyager.load_ledger`, written through PostgREST last). The schemas come from load's
 * migrations (run them once in the SQL editor) and `raw` and `voyager` must be exposed schemas.
 *
 * PostgREST has no transaction across requests: a crash mid-object can leave that object's rows
 * partly visible until the re-run, which re-loads it (no ledger row yet) to the same contents.
 * For strict atomicity use the `postgres` target with the Supabase database URL.
 */
export class SupabaseTarget implements LoadTarget {
  readonly name = 'supabase';
  private readonly client: SupabaseClient;
  private readonly batchRows: number;
  private readonly retry: RetryOptions;

  constructor(options: SupabaseTargetOptions) {
    this.client = createClient(options.url, options.serviceRoleKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    this.batchRows = options.batchRows ?? 500;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  private request<T>(
    what: string,
    call: () => PromiseLike<{
      data: T | null;
      error: { message: string; code?: string } | null;
      status: number;
    }>,
    signal?: AbortSignal,
  ) {
    return postgrestRequest(what, call, this.retry, signal);
  }

  async prepare(): Promise<void> {
    try {
      await this.request('check voyager.load_ledger', () =>
        this.client.schema('voyager').from('load_ledger').select('object_key').limit(1),
      );
    } catch (error) {
      throw new LoadConfigError(
        `supabase target: voyager.load_ledger is not reachable through PostgREST (${(error as Error).message}); apply load/src/migrations in the SQL editor and add raw and voyager to the exposed schemas`,
      );
    }
  }

  async loadedSha256(table: string, objectKey: string): Promise<string | undefined> {
    const rows = await this.request('read ledger', () =>
      this.client
        .schema('voyager')
        .from('load_ledger')
        .select('sha256')
        .eq('target_table', table)
        .eq('object_key', objectKey)
        .limit(1),
    );
    return (rows as { sha256: string }[] | null)?.[0]?.sha256;
  }

  async loadObject(options: LoadObjectOptions): Promise<LoadObjectResult> {
    const { table, object, signal } = options;
    // verify the bytes first: a changed or truncated object must not touch the table
    const hash = createHash('sha256');
    for await (const chunk of await options.open()) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== object.sha256) throw new ObjectChecksumError(object.key, object.sha256, actual);

    const raw = () => this.client.schema('raw');
    await this.request(
      'delete rejected rows',
      () =>
        raw().from('rejected_rows').delete().eq('target_table', table.table).eq('source_object', object.key),
      signal,
    );
    if (!table.replaceBy) {
      await this.request(
        'delete earlier rows of the object',
        () => raw().from(table.table).delete().eq('_source_object', object.key),
        signal,
      );
    }
    const encoder = new SupabaseRowEncoder(table, object.key, new Date().toISOString());
    const deleted = new Set<unknown>();
    let rows: RestRow[] = [];
    let rejects: RestRow[] = [];
    const flush = async () => {
      if (table.replaceBy) {
        const fresh = [...new Set(rows.map((r) => r[table.replaceBy!]))].filter((v) => !deleted.has(v));
        for (let i = 0; i < fresh.length; i += 200) {
          const ids = fresh.slice(i, i + 200);
          await this.request(
            `replace rows of ${table.replaceBy}`,
            () => raw().from(table.table).delete().in(table.replaceBy!, ids),
            signal,
          );
        }
        fresh.forEach((v) => deleted.add(v));
      }
      if (rows.length > 0) {
        const batch = table.bulk ? rows : lastPerKey(rows, table.key);
        await this.request(
          `upsert ${batch.length} rows into raw.${table.table}`,
          () =>
            table.bulk
              ? raw().from(table.table).insert(batch)
              : raw()
                  .from(table.table)
                  .upsert(batch, { onConflict: table.key.join(',') }),
          signal,
        );
      }
      if (rejects.length > 0) {
        const batch = rejects;
        await this.request('insert rejected rows', () => raw().from('rejected_rows').insert(batch), signal);
      }
      rows = [];
      rejects = [];
    };
    const body = ndjsonLines(await options.open(), object.key.endsWith('.gz'));
    let lineNumber = 0;
    for await (const batch of body.lines) {
      signal?.throwIfAborted();
      for (const line of batch) {
        encoder.encode(line, ++lineNumber, rows, rejects);
        if (rows.length >= this.batchRows || rejects.length >= this.batchRows) await flush();
      }
    }
    await flush();
    const { rows: loaded, rejected } = encoder.counts;
    await this.request(
      'write ledger',
      () =>
        this.client.schema('voyager').from('load_ledger').upsert(
          {
            target_table: table.table,
            object_key: object.key,
            sha256: object.sha256,
            rows_loaded: loaded,
            rows_rejected: rejected,
            run_id: options.runId,
            loaded_at: new Date().toISOString(),
          },
          { onConflict: 'target_table,object_key' },
        ),
      signal,
    );
    return { rows: loaded, rejected, newFields: [...encoder.newFields].sort() };
  }
}

/** The last row of each key (PostgREST upsert refuses a batch that touches a row twice). */
function lastPerKey(rows: readonly RestRow[], key: readonly string[]): RestRow[] {
  const byKey = new Map<string, RestRow>();
  for (const r of rows) byKey.set(key.map((k) => String(r[k])).join('\u0001'), r);
  return [...byKey.values()];
}
