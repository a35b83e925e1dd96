import {
  type StoredLandingManifest,
  isCorruptObject,
  readLandingManifests,
  type AssetContext,
  type Metadata,
} from '@voyager/orchestration';
import type { LandingObjectRef, LoadTarget } from './load-target.js';
import type { RawTable } from './raw-table.js';
import { REJECTED_WINDOW_ROWS } from './rejected-rows-check.js';
import { errorMessage } from '@voyager/orchestration';

/**
 * Loads every complete landing batch of `table.dataset` into `raw.<table>`: objects whose
 * (key, sha256) the ledger holds are skipped, new and changed ones loaded, each atomically.
 * Returns the materialization metadata: `rows` (merged this run), `rejected_rows`,
 * `objects_loaded`, `objects_skipped`, `new_fields` (top-level fields the table does not know,
 * kept in `record` jsonb), `objects_quarantined` (unusable objects: a gzip that does not
 * decompress; each logged with its key, recorded in `raw.rejected_rows`, its records counted as
 * rejected, skipped by later runs), `window_rows` / `window_rejected_rows` (the rolling window of
 * the `rejected_rows_ratio` check, when the target keeps a ledger) and `target`.
 */
export async function loadRawTable(
  ctx: Pick<AssetContext, 'landing' | 'runId' | 'log' | 'signal'>,
  target: LoadTarget,
  table: RawTable,
  options: {
    /** Batches another path loads (the heart-rate hours that replace a source's partition). */
    readonly skipBatch?: (manifest: StoredLandingManifest) => boolean;
    /**
     * The dataset's complete batches, oldest first, as the caller already read them with
     * `readLandingManifests`: the landing is not listed again (a heart-rate hour lists its folder
     * once for its load, its replacements and its ledger marker).
     */
    readonly manifests?: readonly StoredLandingManifest[];
  } = {},
): Promise<Metadata> {
  await target.prepare();
  const manifests = (options.manifests ?? (await readLandingManifests(ctx.landing, table.dataset))).filter(
    (m) => !options.skipBatch?.(m),
  );
  const ledger = manifests.length > 0 ? await target.loadedObjects(table.table) : new Map<string, string>();
  let rows = 0;
  let rejected = 0;
  let loaded = 0;
  let skipped = 0;
  const newFields = new Set<string>();
  const quarantined: string[] = [];
  for (const manifest of manifests) {
    for (const entry of manifest.objects) {
      ctx.signal.throwIfAborted();
      const object: LandingObjectRef = { key: entry.key, sha256: entry.sha256, records: entry.records };
      if (ledger.get(object.key) === object.sha256) {
        skipped++;
        continue;
      }
      const started = Date.now();
      let result;
      try {
        result = await target.loadObject({
          table,
          object,
          open: () => ctx.landing.getStream(object.key),
          runId: ctx.runId,
          signal: ctx.signal,
        });
      } catch (error) {
        if (!isCorruptObject(error) || ctx.signal.aborted || !target.quarantineObject) throw error;
        // one unusable object must not block the others, nor every later run
        const reason = `${object.key}: ${errorMessage(error)}`;
        await target.quarantineObject(table.table, object, errorMessage(error), ctx.runId);
        quarantined.push(object.key);
        rejected += object.records;
        ctx.log.error(
          { table: `raw.${table.table}`, object: object.key },
          `object quarantined, not loaded: ${reason}`,
        );
        continue;
      }
      rows += result.rows;
      rejected += result.rejected;
      loaded++;
      for (const f of result.newFields) newFields.add(f);
      ctx.log.info(
        {
          table: `raw.${table.table}`,
          object: object.key,
          rows: result.rows,
          rejected: result.rejected,
          ms: Date.now() - started,
        },
        'object loaded',
      );
    }
  }
  if (newFields.size > 0) {
    ctx.log.warn(
      { table: `raw.${table.table}`, newFields: [...newFields] },
      'new source fields kept in record jsonb',
    );
  }
  // the rejected_rows_ratio check's base: the newest objects of the table, not just this run's
  const window = await target.rejectedWindow?.(table.table, REJECTED_WINDOW_ROWS);
  return {
    rows,
    rejected_rows: rejected,
    ...(window ? { window_rows: window.rows, window_rejected_rows: window.rejected } : {}),
    objects_loaded: loaded,
    objects_skipped: skipped,
    new_fields: [...newFields].sort(),
    objects_quarantined: quarantined.length,
    ...(quarantined.length > 0 ? { quarantined_objects: quarantined } : {}),
    target: target.name,
  };
}
