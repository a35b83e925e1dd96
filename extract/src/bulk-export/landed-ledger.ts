import { readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { readLandedBatch, type ReadLandedOptions } from '../landing/landed-records.js';
import { DATASETS } from '../strava/constants.js';
import { readLandedActivities } from '../strava/landed-activities.js';

/** What the landing zone already holds, so an import lands only what is new or changed. */
export interface ImportLedger {
  /** Newest landed summary per activity id (API or export). */
  readonly activities: ReadonlyMap<number, Record<string, unknown>>;
  /** Content key of the newest landed export row per activity id. */
  readonly exportRows: ReadonlyMap<number, string>;
  /** Activity ids with landed streams (from any source). */
  readonly streamIds: ReadonlySet<number>;
}

/** A stable content key: the non-empty values by sorted name, leaving out the given keys. */
export function contentKey(record: Record<string, unknown>, omit: readonly string[] = []): string {
  const entries = Object.entries(record)
    .filter(([k, v]) => !omit.includes(k) && v !== '' && v !== null && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** Export-row keys that say where a row came from, not what it says. */
export const EXPORT_PROVENANCE = ['_export_file', '_export_vintage'];

/**
 * Reads the ledger from the landing zone itself (no separate bookkeeping to drift): committed
 * `strava/activities`, `strava/export_activities` and the `activity_ids` that `strava/activity_streams`
 * manifests list in their metadata. `options.onBadLine` skips a line that is not JSON.
 */
export async function readImportLedger(
  landing: ObjectStore,
  options: ReadLandedOptions = {},
): Promise<ImportLedger> {
  const exportRows = new Map<number, string>();
  for (const m of await readLandingManifests(landing, DATASETS.exportActivities)) {
    for await (const row of readLandedBatch(landing, m, options))
      exportRows.set(Number(row['Activity ID'] ?? row.id), contentKey(row, EXPORT_PROVENANCE));
  }
  const streamIds = new Set<number>();
  for (const m of await readLandingManifests(landing, DATASETS.activityStreams)) {
    const ids = m.metadata.activity_ids;
    if (Array.isArray(ids)) for (const id of ids) streamIds.add(Number(id));
  }
  return { activities: await readLandedActivities(landing, options), exportRows, streamIds };
}
