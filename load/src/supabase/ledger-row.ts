import type { SupabaseClient } from '@supabase/supabase-js';
import type { LedgerRow } from '../postgres/ledger-row.js';
import { postgrestRequest, type RetryOptions } from './postgrest-request.js';

/**
 * Writes (or replaces) one row of `voyager.load_ledger` through PostgREST: an upsert on
 * (`target_table`, `object_key`), so a second row for the same key (a changed object, a newer
 * marker) replaces the first, as the `postgres` target's `upsertLedgerRow` does. Retried as
 * `retry` says; an upsert is idempotent, so a response lost after its commit is harmless.
 * `what` names the request in errors.
 * @throws SupabaseRequestError when the request fails for good.
 */
export async function upsertLedgerRowRest(
  client: SupabaseClient,
  row: LedgerRow,
  options: { readonly what: string; readonly retry: RetryOptions; readonly signal?: AbortSignal },
): Promise<void> {
  await postgrestRequest(
    options.what,
    () =>
      client.schema('voyager').from('load_ledger').upsert(
        {
          target_table: row.table,
          object_key: row.key,
          sha256: row.sha256,
          rows_loaded: row.rows,
          rows_rejected: row.rejected,
          run_id: row.runId,
          loaded_at: new Date().toISOString(),
        },
        { onConflict: 'target_table,object_key' },
      ),
    options.retry,
    options.signal,
  );
}
