import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { DATASETS } from './constants.js';

/** The newest landed summary of each activity, by id (deleted ones left out). */
export type LandedActivities = Map<number, Record<string, unknown>>;

async function* records(landing: ObjectStore, dataset: string): AsyncGenerator<Record<string, unknown>> {
  for (const manifest of await readLandingManifests(landing, dataset)) {
    for (const object of manifest.objects) {
      const text = gunzipSync(await landing.get(object.key)).toString('utf8');
      for (const line of text.split('\n')) if (line) yield JSON.parse(line) as Record<string, unknown>;
    }
  }
}

/**
 * Reads every committed `strava/activities` batch (oldest first, so newer summaries win) minus
 * the ids in `strava/activity_deletions`. The details and streams assets take their work list
 * from here, so they need no API request to know what exists.
 */
export async function readLandedActivities(landing: ObjectStore): Promise<LandedActivities> {
  const out: LandedActivities = new Map();
  for await (const r of records(landing, DATASETS.activities)) if (typeof r.id === 'number') out.set(r.id, r);
  for await (const d of records(landing, DATASETS.activityDeletions)) out.delete(Number(d.activity_id));
  return out;
}

/** A short hash of the summary fields whose change means the detail (or streams) must be fetched again. */
export function fingerprint(summary: Record<string, unknown>, fields: readonly string[]): string {
  const picked = fields.map((f) => summary[f] ?? null);
  return createHash('sha256').update(JSON.stringify(picked)).digest('hex').slice(0, 12);
}
