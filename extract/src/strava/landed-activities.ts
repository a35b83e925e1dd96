import { createHash } from 'node:crypto';
import {
  byCommitOrder,
  readLandingManifests,
  type ObjectStore,
  type StoredLandingManifest,
} from '@voyager/orchestration';
import { readLandedBatch, type ReadLandedOptions } from '../landing/landed-records.js';
import { DATASETS } from './constants.js';

/** The newest landed summary of each activity, by id (deleted ones left out). */
export type LandedActivities = Map<number, Record<string, unknown>>;

/** Options of {@link readLandedActivities}; `onBadLine` skips a line that is not JSON (else reading stops). */
export interface ReadLandedActivitiesOptions extends ReadLandedOptions {
  /**
   * Only API batches listed under this identity ({@link StravaSession.identity}); batches without
   * one (the bulk export, or landed before identities were recorded) always count. Default: all.
   */
  readonly identity?: string;
}

/**
 * Reads every committed `strava/activities` and `strava/activity_deletions` batch in commit order
 * (`created_at`), so a newer summary wins and a deletion removes only what was listed before it:
 * an activity listed again after its deletion (restored upstream, or a transient miss) is back.
 * The details and streams assets take their work list from here, so they need no API request to
 * know what exists.
 *
 * @example
 * const activities = await readLandedActivities(landing, { identity: session.identity });
 */
export async function readLandedActivities(
  landing: ObjectStore,
  options: ReadLandedActivitiesOptions = {},
): Promise<LandedActivities> {
  const listed = await readLandingManifests(landing, DATASETS.activities);
  const deletions = await readLandingManifests(landing, DATASETS.activityDeletions);
  const foreign = (m: StoredLandingManifest) =>
    options.identity !== undefined &&
    typeof m.metadata.identity === 'string' &&
    m.metadata.identity !== options.identity;
  const out: LandedActivities = new Map();
  for (const m of [...listed, ...deletions].filter((x) => !foreign(x)).sort(byCommitOrder)) {
    const isDeletion = m.dataset === DATASETS.activityDeletions;
    for await (const r of readLandedBatch(landing, m, options)) {
      if (isDeletion) out.delete(Number(r.activity_id));
      else if (typeof r.id === 'number') out.set(r.id, r);
    }
  }
  return out;
}

/** What {@link fingerprint} returns for a summary from the bulk export (see there). */
export const EXPORT_FINGERPRINT = 'bulk_export';

/**
 * A short hash of the summary fields whose change means the detail (or streams) must be fetched
 * again. A summary converted from the bulk export gets {@link EXPORT_FINGERPRINT} instead: its
 * values (rounded km, export dates) never equal the API's, so comparing them would refetch every
 * activity the first time the API lists it.
 */
export function fingerprint(summary: Record<string, unknown>, fields: readonly string[]): string {
  if (summary._source === 'bulk_export') return EXPORT_FINGERPRINT;
  const picked = fields.map((f) => summary[f] ?? null);
  return createHash('sha256').update(JSON.stringify(picked)).digest('hex').slice(0, 12);
}
