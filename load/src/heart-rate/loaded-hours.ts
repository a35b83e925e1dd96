import { createHash } from 'node:crypto';
import type { MissingPartitionsContext, ObjectStore } from '@voyager/orchestration';
import { openLoadTarget } from '../open-load-target.js';
import { HEART_RATE_SAMPLES_DATASET, HEART_RATE_SAMPLES_TABLE } from './samples-table.js';

/** Last segment of the ledger marker that says which landed batches of an hour were loaded. */
export const LOADED_BATCHES = 'loaded_batches';

const HOUR_MANIFEST = new RegExp(
  `^${HEART_RATE_SAMPLES_DATASET}/hour=(\\d{4}-\\d{2}-\\d{2}T\\d{2})/.+/_manifest\\.json$`,
);

/**
 * The complete landed batches of every heart-rate hour, from ONE listing of
 * `heart_rate/samples/`: UTC hour (`YYYY-MM-DDTHH`) -> its `_manifest.json` keys, sorted. A batch
 * without its manifest is not complete and not counted.
 */
export async function landedHourBatches(landing: ObjectStore): Promise<Map<string, string[]>> {
  const hours = new Map<string, string[]>();
  for (const o of await landing.list(`${HEART_RATE_SAMPLES_DATASET}/`)) {
    const hour = HOUR_MANIFEST.exec(o.key)?.[1];
    if (hour === undefined) continue;
    const list = hours.get(hour) ?? [];
    list.push(o.key);
    hours.set(hour, list);
  }
  for (const list of hours.values()) list.sort();
  return hours;
}

/**
 * The ledger marker of an hour whose landed batches `manifestKeys` were all loaded (or, for the
 * Google Health API's superseded batches of the hour, replaced by a newer one): key
 * `heart_rate/samples/hour=<h>/loaded_batches`, sha256 the hex sha256 of the sorted manifest keys
 * joined by newlines. An hour whose listing gives another digest has a batch not loaded yet.
 */
export function loadedBatchesMarker(
  hour: string,
  manifestKeys: readonly string[],
): { readonly key: string; readonly sha256: string } {
  return {
    key: `${HEART_RATE_SAMPLES_DATASET}/hour=${hour}/${LOADED_BATCHES}`,
    sha256: createHash('sha256')
      .update([...manifestKeys].sort().join('\n'))
      .digest('hex'),
  };
}

/**
 * `raw/heart_rate_samples`'s `missingPartitions` hook: the UTC hours (partition keys
 * `YYYY-MM-DDTHH:00`, ascending) that hold landed batches (Google Takeout files and Fitabase CSVs
 * of `voyager import heart-rate` or the inbox, Google Health API hours) which `voyager.load_ledger`
 * does not record as loaded: no {@link loadedBatchesMarker} for the hour, or one of other batches.
 * Costs one listing of `heart_rate/samples/` and one ledger read, whatever the history's length.
 * Hours not yet complete at `ctx.now` are left for a later run; hours before `start` (the first
 * partition) cannot load and are logged once.
 */
export async function missingHeartRateHours(
  ctx: Pick<MissingPartitionsContext, 'landing' | 'warehouse' | 'env' | 'now' | 'log'>,
  start: string,
): Promise<string[]> {
  const landed = await landedHourBatches(ctx.landing);
  if (landed.size === 0) return [];
  const ledger = await loadedObjectsOrNone(ctx);
  const firstHour = start.slice(0, 13);
  const lastComplete = new Date(ctx.now.getTime() - 3_600_000).toISOString().slice(0, 13);
  const missing: string[] = [];
  const tooEarly: string[] = [];
  for (const [hour, manifests] of landed) {
    if (hour > lastComplete) continue;
    const marker = loadedBatchesMarker(hour, manifests);
    if (ledger.get(marker.key) === marker.sha256) continue;
    if (hour < firstHour) tooEarly.push(hour);
    else missing.push(`${hour}:00`);
  }
  if (tooEarly.length > 0)
    ctx.log.warn(
      { hours: tooEarly.length, first: tooEarly.sort()[0] },
      `heart-rate hours landed before the first partition ${start} are never loaded`,
    );
  return missing.sort();
}

/** The heart-rate ledger rows; none when `voyager.load_ledger` does not exist yet (no load ran: 42P01). */
async function loadedObjectsOrNone(
  ctx: Pick<MissingPartitionsContext, 'warehouse' | 'env'>,
): Promise<ReadonlyMap<string, string>> {
  try {
    return await openLoadTarget(ctx).loadedObjects(HEART_RATE_SAMPLES_TABLE.table);
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return new Map();
    throw error;
  }
}
