import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { LoadConfigError } from '../load-environment.js';
import type { LoadObjectOptions, LoadObjectResult, LoadTarget } from '../load-target.js';
import { DEFAULT_RETRY, postgrestRequest, type RetryOptions } from './postgrest-request.js';
import { upsertLedgerRowRest } from './ledger-row.js';
import { supabaseLoadObject } from './supabase-object-load.js';

/** Ledger rows per read (PostgREST's default `max_rows` is 1,000). */
const LEDGER_PAGE = 1000;

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

  /** Every (object key -> sha256) the ledger holds for `table`, read in pages of 1,000 (PostgREST's default `max_rows`). */
  async loadedObjects(table: string): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    for (let from = 0; ; from += LEDGER_PAGE) {
      const rows = (await this.request('read ledger', () =>
        this.client
          .schema('voyager')
          .from('load_ledger')
          .select('object_key,sha256')
          .eq('target_table', table)
          .order('object_key')
          .range(from, from + LEDGER_PAGE - 1),
      )) as { object_key: string; sha256: string }[] | null;
      for (const r of rows ?? []) out.set(r.object_key, r.sha256);
      if ((rows ?? []).length < LEDGER_PAGE) return out;
    }
  }

  /** Writes (or replaces) the marker row of `table` under `marker.key` (`rows_loaded` 0), see {@link LoadTarget.recordMarker}. */
  recordMarker(table: string, marker: { key: string; sha256: string }, runId: string): Promise<void> {
    return upsertLedgerRowRest(
      this.client,
      { ...marker, table, rows: 0, rejected: 0, runId },
      { what: 'write ledger marker', retry: this.retry },
    );
  }

  loadObject(options: LoadObjectOptions): Promise<LoadObjectResult> {
    return supabaseLoadObject({ client: this.client, batchRows: this.batchRows, retry: this.retry }, options);
  }
}
