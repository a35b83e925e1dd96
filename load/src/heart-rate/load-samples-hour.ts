import {
  readLandingManifests,
  type AssetContext,
  type Metadata,
  type PartitionWindow,
  type StoredLandingManifest,
} from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import type { LoadTarget } from '../load-target.js';
import { HEART_RATE_SAMPLES_TABLE, heartRateHourDataset } from './samples-table.js';
import { loadedBatchesMarker } from './loaded-hours.js';

/**
 * Manifest metadata of a landed hour that holds everything its source has in that hour (the
 * Google Health API asset fetches the whole hour): its value is the source, e.g. `google_health`.
 */
export const WHOLE_HOUR_OF_SOURCE = 'whole_hour_of_source';

const wholeHourSource = (m: StoredLandingManifest): string | undefined => {
  const source = m.metadata[WHOLE_HOUR_OF_SOURCE];
  return typeof source === 'string' && source !== '' ? source : undefined;
};

/**
 * Loads one hourly partition of `raw.heart_rate_samples`. Batches that name the whole hour of
 * their source ({@link WHOLE_HOUR_OF_SOURCE}): the newest per source replaces, in one
 * transaction, every row of that source in the hour, so an hour that shrank or emptied upstream
 * keeps only what it holds now (a batch already applied is skipped; older ones are superseded).
 * Other batches (an imported file's series) replace their series, as `loadRawTable` does. A
 * target without transactions (supabase) loads every batch by series and logs that it cannot
 * drop vanished samples. Last, it records the hour's {@link loadedBatchesMarker} of the complete
 * batches listed before loading, so the catch-up hook (`missingHeartRateHours`) skips the hour
 * until another batch lands in it. The hour's folder is listed once, before loading, and its
 * manifests read once.
 */
export async function loadHeartRateHour(
  ctx: Pick<AssetContext, 'landing' | 'runId' | 'log' | 'signal'>,
  target: LoadTarget,
  window: PartitionWindow,
): Promise<Metadata> {
  const table = { ...HEART_RATE_SAMPLES_TABLE, dataset: heartRateHourDataset(window.start) };
  // one listing, first: the batches loaded, replaced and named in the marker are the same ones; a
  // batch landed while loading is not in the marker, so the hook asks for the hour again
  const hour = window.start.toISOString().slice(0, 13);
  const manifests = await readLandingManifests(ctx.landing, table.dataset);
  const done = async (metadata: Metadata): Promise<Metadata> => {
    if (manifests.length > 0) {
      const keys = manifests.map((m) => m.manifestKey);
      await target.recordMarker(table.table, loadedBatchesMarker(hour, keys), ctx.runId);
    }
    return metadata;
  };
  if (!target.replaceRows) {
    ctx.log.warn(
      { target: target.name },
      'this target loads heart-rate hours by series: samples that vanished upstream stay in raw',
    );
    return done(await loadRawTable(ctx, target, table, { manifests }));
  }
  const metadata = await loadRawTable(ctx, target, table, {
    manifests,
    skipBatch: (m) => wholeHourSource(m) !== undefined,
  });
  const newest = new Map<string, StoredLandingManifest>();
  // oldest first: the last batch of a source is its newest
  for (const m of manifests) {
    const source = wholeHourSource(m);
    if (source !== undefined) newest.set(source, m);
  }
  if (newest.size === 0) return done(metadata);
  const ledger = await target.loadedObjects(table.table);
  let rows = Number(metadata.rows ?? 0);
  let rejected = Number(metadata.rejected_rows ?? 0);
  let loaded = Number(metadata.objects_loaded ?? 0);
  let deleted = 0;
  const replaced: string[] = [];
  for (const [source, m] of newest) {
    const marker = {
      key: `${table.dataset}/${WHOLE_HOUR_OF_SOURCE}=${source}`,
      sha256: `${m.manifestKey}@${m.sequence ?? m.created_at}`,
    };
    if (ledger.get(marker.key) === marker.sha256) continue;
    const result = await target.replaceRows({
      table,
      replaced: {
        column: 'source',
        value: source,
        timeColumn: 'sampled_at',
        start: window.start,
        end: window.end,
      },
      objects: m.objects.map((o) => ({
        object: { key: o.key, sha256: o.sha256, records: o.records },
        open: () => ctx.landing.getStream(o.key),
      })),
      marker,
      runId: ctx.runId,
      signal: ctx.signal,
    });
    rows += result.rows;
    rejected += result.rejected;
    loaded += m.objects.length;
    deleted += result.deleted;
    replaced.push(source);
    ctx.log.info(
      { table: `raw.${table.table}`, source, rows: result.rows, deleted: result.deleted },
      'hour of a source replaced',
    );
  }
  return done({
    ...metadata,
    rows,
    rejected_rows: rejected,
    objects_loaded: loaded,
    rows_replaced: deleted,
    sources_replaced: replaced,
  });
}
