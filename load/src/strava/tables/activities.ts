import type { RawColumn, RawTable } from '../../raw-table.js';
import { DETAILED_ACTIVITY_EXTRA_FIELDS, SUMMARY_ACTIVITY_FIELDS, STRAVA_DATASETS } from '../constants.js';

/** Typed columns shared by SummaryActivity and DetailedActivity rows (units in names). */
export const ACTIVITY_COLUMNS: readonly RawColumn[] = [
  { name: 'activity_id', type: 'bigint', from: 'id', required: true },
  { name: 'athlete_id', type: 'bigint', from: 'athlete.id' },
  { name: 'name', type: 'text' },
  { name: 'sport_type', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'workout_type', type: 'integer' },
  { name: 'start_date', type: 'timestamptz', required: true },
  { name: 'start_date_local', type: 'timestamp' },
  { name: 'timezone', type: 'text' },
  { name: 'utc_offset_s', type: 'double precision', from: 'utc_offset' },
  { name: 'distance_m', type: 'double precision', from: 'distance' },
  { name: 'moving_time_s', type: 'integer', from: 'moving_time' },
  { name: 'elapsed_time_s', type: 'integer', from: 'elapsed_time' },
  { name: 'total_elevation_gain_m', type: 'double precision', from: 'total_elevation_gain' },
  { name: 'elev_high_m', type: 'double precision', from: 'elev_high' },
  { name: 'elev_low_m', type: 'double precision', from: 'elev_low' },
  { name: 'average_speed_m_per_s', type: 'double precision', from: 'average_speed' },
  { name: 'max_speed_m_per_s', type: 'double precision', from: 'max_speed' },
  { name: 'average_cadence_rpm', type: 'double precision', from: 'average_cadence' },
  { name: 'average_watts', type: 'double precision' },
  { name: 'kilojoules', type: 'double precision' },
  { name: 'average_temp_c', type: 'double precision', from: 'average_temp' },
  { name: 'has_heartrate', type: 'boolean' },
  { name: 'average_heartrate_bpm', type: 'double precision', from: 'average_heartrate' },
  { name: 'max_heartrate_bpm', type: 'double precision', from: 'max_heartrate' },
  { name: 'suffer_score', type: 'double precision' },
  { name: 'gear_id', type: 'text' },
  { name: 'external_id', type: 'text' },
  { name: 'upload_id', type: 'bigint' },
  { name: 'trainer', type: 'boolean' },
  { name: 'commute', type: 'boolean' },
  { name: 'manual', type: 'boolean' },
  { name: 'private', type: 'boolean' },
  { name: 'visibility', type: 'text' },
  { name: 'kudos_count', type: 'integer' },
  { name: 'achievement_count', type: 'integer' },
  { name: 'pr_count', type: 'integer' },
  { name: 'summary_polyline', type: 'text', from: 'map.summary_polyline' },
];

/**
 * `raw.strava_activities`: one row per activity (SummaryActivity), upserted by `activity_id`;
 * `deleted_at` is set when extract found the activity gone (`strava/activity_deletions`) and
 * cleared when Strava lists it again.
 */
export const STRAVA_ACTIVITIES_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_activities',
  dataset: STRAVA_DATASETS.activities,
  columns: [
    ...ACTIVITY_COLUMNS,
    { name: 'source', type: 'text', from: '_source' },
    // null from every listing (no record has this field): the upsert of a re-listed activity
    // clears the deleted_at a deletion (raw.strava_activity_deletions) set
    { name: 'deleted_at', type: 'timestamptz', from: '_voyager_deleted_at' },
  ],
  key: ['activity_id'],
  knownFields: new Set(SUMMARY_ACTIVITY_FIELDS),
});

/**
 * `raw.strava_activity_details`: one row per activity (DetailedActivity, GET /activities/{id}),
 * upserted by `activity_id`; laps and best efforts also go to their own tables.
 */
export const STRAVA_ACTIVITY_DETAILS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'strava_activity_details',
  dataset: STRAVA_DATASETS.activityDetails,
  columns: [
    ...ACTIVITY_COLUMNS,
    { name: 'description', type: 'text' },
    { name: 'calories_kcal', type: 'double precision', from: 'calories' },
    { name: 'device_name', type: 'text' },
    { name: 'gear_name', type: 'text', from: 'gear.name' },
    { name: 'perceived_exertion', type: 'double precision' },
    { name: 'lap_count', type: 'integer' },
    { name: 'best_effort_count', type: 'integer' },
    { name: 'synthetic', type: 'boolean' },
  ],
  key: ['activity_id'],
  knownFields: new Set([...SUMMARY_ACTIVITY_FIELDS, ...DETAILED_ACTIVITY_EXTRA_FIELDS]),
  explode(record) {
    const count = (field: string) =>
      Array.isArray(record[field]) ? (record[field] as unknown[]).length : null;
    return [
      {
        value: { ...record, lap_count: count('laps'), best_effort_count: count('best_efforts') },
        json: JSON.stringify(record),
      },
    ];
  },
});
