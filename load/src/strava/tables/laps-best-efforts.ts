import type { RawRow, RawTable } from '../../raw-table.js';
import { arrayField, objectOf } from '../coerce.js';
import { DETAILED_ACTIVITY_EXTRA_FIELDS, SUMMARY_ACTIVITY_FIELDS, STRAVA_DATASETS } from '../constants.js';

const DETAIL_FIELDS = new Set([...SUMMARY_ACTIVITY_FIELDS, ...DETAILED_ACTIVITY_EXTRA_FIELDS]);

/** Elements of `record[field]` with the parent's `activity_id` (the record's `id`) added. */
function children(record: Readonly<Record<string, unknown>>, field: string): RawRow[] {
  return arrayField(record, field).map((element, i) => {
    const value = objectOf(element, `${field}[${i}]`);
    return { value: { ...value, activity_id: record.id }, json: JSON.stringify(value) };
  });
}

/** Lap fields (Strava `Lap`), https://developers.strava.com/docs/reference/#api-models-Lap. */
const LAP_FIELDS = [
  'activity',
  'activity_id',
  'athlete',
  'average_cadence',
  'average_heartrate',
  'average_speed',
  'average_watts',
  'device_watts',
  'distance',
  'elapsed_time',
  'end_index',
  'id',
  'lap_index',
  'max_heartrate',
  'max_speed',
  'moving_time',
  'name',
  'pace_zone',
  'resource_state',
  'split',
  'start_date',
  'start_date_local',
  'start_index',
  'total_elevation_gain',
];

/** `raw.strava_laps`: one row per lap of an activity (DetailedActivity `laps`); an activity's laps are replaced as a whole. */
export const STRAVA_LAPS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_laps',
  dataset: STRAVA_DATASETS.activityDetails,
  columns: [
    { name: 'lap_id', type: 'bigint', from: 'id', required: true },
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'athlete_id', type: 'bigint', from: 'athlete.id' },
    { name: 'lap_index', type: 'integer' },
    { name: 'split', type: 'integer' },
    { name: 'name', type: 'text' },
    { name: 'start_date', type: 'timestamptz' },
    { name: 'start_date_local', type: 'timestamp' },
    { name: 'elapsed_time_s', type: 'integer', from: 'elapsed_time' },
    { name: 'moving_time_s', type: 'integer', from: 'moving_time' },
    { name: 'distance_m', type: 'double precision', from: 'distance' },
    { name: 'total_elevation_gain_m', type: 'double precision', from: 'total_elevation_gain' },
    { name: 'average_speed_m_per_s', type: 'double precision', from: 'average_speed' },
    { name: 'max_speed_m_per_s', type: 'double precision', from: 'max_speed' },
    { name: 'average_cadence_rpm', type: 'double precision', from: 'average_cadence' },
    { name: 'average_watts', type: 'double precision' },
    { name: 'average_heartrate_bpm', type: 'double precision', from: 'average_heartrate' },
    { name: 'max_heartrate_bpm', type: 'double precision', from: 'max_heartrate' },
    { name: 'start_index', type: 'integer' },
    { name: 'end_index', type: 'integer' },
    { name: 'pace_zone', type: 'integer' },
    { name: 'device_watts', type: 'boolean' },
  ],
  key: ['lap_id'],
  replaceBy: 'activity_id',
  knownFields: DETAIL_FIELDS,
  knownElementFields: { label: 'laps', fields: new Set(LAP_FIELDS) },
  explode: (record) => children(record, 'laps'),
});

/** Best effort fields (Strava `DetailedSegmentEffort` as used in `best_efforts`). */
const BEST_EFFORT_FIELDS = [
  'achievements',
  'activity',
  'activity_id',
  'athlete',
  'distance',
  'elapsed_time',
  'end_index',
  'id',
  'is_kom',
  'kom_rank',
  'moving_time',
  'name',
  'pr_rank',
  'resource_state',
  'segment',
  'start_date',
  'start_date_local',
  'start_index',
];

/** `raw.strava_best_efforts`: one row per best effort of an activity (DetailedActivity `best_efforts`: 400m, 1k, 5k...); replaced per activity. */
export const STRAVA_BEST_EFFORTS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_best_efforts',
  dataset: STRAVA_DATASETS.activityDetails,
  columns: [
    { name: 'best_effort_id', type: 'bigint', from: 'id', required: true },
    { name: 'activity_id', type: 'bigint', required: true },
    { name: 'athlete_id', type: 'bigint', from: 'athlete.id' },
    { name: 'name', type: 'text' },
    { name: 'distance_m', type: 'double precision', from: 'distance' },
    { name: 'elapsed_time_s', type: 'integer', from: 'elapsed_time' },
    { name: 'moving_time_s', type: 'integer', from: 'moving_time' },
    { name: 'start_date', type: 'timestamptz' },
    { name: 'start_date_local', type: 'timestamp' },
    { name: 'start_index', type: 'integer' },
    { name: 'end_index', type: 'integer' },
    { name: 'pr_rank', type: 'integer' },
    { name: 'achievements', type: 'jsonb' },
  ],
  key: ['best_effort_id'],
  replaceBy: 'activity_id',
  knownFields: DETAIL_FIELDS,
  knownElementFields: { label: 'best_efforts', fields: new Set(BEST_EFFORT_FIELDS) },
  explode: (record) => children(record, 'best_efforts'),
});
