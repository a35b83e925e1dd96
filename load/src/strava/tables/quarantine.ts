import type { RawTable } from '../../raw-table.js';
import { STRAVA_DATASETS } from '../constants.js';

/** Fields of one `strava/quarantine` record (extract's `QuarantinedRecord`). */
const QUARANTINE_FIELDS = ['dataset', 'reason', 'record', 'run_id', 'detected_at'];

/**
 * `strava/quarantine` into `raw.rejected_rows`: one row per record extract refused (it failed its
 * zod schema), with `target_table` the raw table of the record's dataset (`strava/activities` ->
 * `strava_activities`), extract's `reason`, the quarantine object as `source_object` with the
 * line, and the refused record as JSON `payload`. Append-only: a re-loaded object replaces its
 * rows.
 */
export const STRAVA_QUARANTINE_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'rejected_rows',
  dataset: STRAVA_DATASETS.quarantine,
  columns: [
    { name: 'target_table', type: 'text', required: true },
    { name: 'reason', type: 'text', required: true },
    { name: 'payload', type: 'text' },
  ],
  key: ['source_object', 'line'],
  keepRecord: false,
  appendOnly: { sourceObjectColumn: 'source_object', lineColumn: 'line' },
  knownFields: new Set(QUARANTINE_FIELDS),
  explode(record) {
    const { dataset, reason } = record;
    return [
      {
        value: {
          // the raw tables are named after their datasets: strava/athlete_zones -> strava_athlete_zones
          target_table: typeof dataset === 'string' ? dataset.replaceAll('/', '_') : dataset,
          reason,
          payload: record.record === undefined ? null : JSON.stringify(record.record),
        },
      },
    ];
  },
});
