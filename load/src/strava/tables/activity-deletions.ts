import type { RawTable } from '../../raw-table.js';
import { STRAVA_DATASETS } from '../constants.js';

/**
 * `raw.strava_activity_deletions`: one row per activity Strava no longer lists (extract's full
 * re-list, `{ activity_id, detected_at }`), upserted by `activity_id`. Each deletion also sets
 * `raw.strava_activities.deleted_at` to its `detected_at`; a later listing of the activity (its
 * upsert into `raw.strava_activities`) clears it again, and the deletion row stays as history.
 */
export const STRAVA_ACTIVITY_DELETIONS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_activity_deletions',
  dataset: STRAVA_DATASETS.activityDeletions,
  columns: [
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'detected_at', type: 'timestamptz', required: true },
  ],
  key: ['activity_id'],
  knownFields: new Set(['activity_id', 'detected_at']),
  propagate: { table: 'strava_activities', key: 'activity_id', column: 'deleted_at', from: 'detected_at' },
});
