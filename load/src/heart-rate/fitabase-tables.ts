import type { RawColumn, RawTable } from '../raw-table.js';

const num = (name: string): RawColumn => ({ name, type: 'double precision' });

/** A Fitabase row extract marked with a `problem` goes to `raw.rejected_rows` with it. */
function* checked(record: Readonly<Record<string, unknown>>) {
  if (typeof record.problem === 'string' && record.problem !== '') throw new Error(record.problem);
  yield { value: record };
}

const COMMON_FIELDS = ['person_id', 'day', 'source_file', 'line', 'problem'];

/** `raw.fitabase_daily_activity`: one row per person and day of Fitabase's `dailyActivity_merged.csv` (distances in km, minutes, kcal). */
export const FITABASE_DAILY_ACTIVITY_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'fitabase_daily_activity',
  dataset: 'fitabase/daily_activity',
  columns: [
    { name: 'person_id', type: 'text', required: true },
    { name: 'day', type: 'timestamp', required: true },
    ...[
      'total_steps',
      'total_distance_km',
      'tracker_distance_km',
      'logged_activities_distance_km',
      'very_active_distance_km',
      'moderately_active_distance_km',
      'light_active_distance_km',
      'sedentary_active_distance_km',
      'very_active_min',
      'fairly_active_min',
      'lightly_active_min',
      'sedentary_min',
      'calories_kcal',
    ].map(num),
    { name: 'source_file', type: 'text' },
  ],
  key: ['person_id', 'day'],
  knownFields: new Set([
    ...COMMON_FIELDS,
    'total_steps',
    'total_distance_km',
    'tracker_distance_km',
    'logged_activities_distance_km',
    'very_active_distance_km',
    'moderately_active_distance_km',
    'light_active_distance_km',
    'sedentary_active_distance_km',
    'very_active_min',
    'fairly_active_min',
    'lightly_active_min',
    'sedentary_min',
    'calories_kcal',
  ]),
  explode: checked,
});

/** `raw.fitabase_sleep_days`: one row per person and day of Fitabase's `sleepDay_merged.csv` (minutes). */
export const FITABASE_SLEEP_DAYS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'fitabase_sleep_days',
  dataset: 'fitabase/sleep_days',
  columns: [
    { name: 'person_id', type: 'text', required: true },
    { name: 'day', type: 'timestamp', required: true },
    num('sleep_records'),
    num('minutes_asleep'),
    num('minutes_in_bed'),
    { name: 'source_file', type: 'text' },
  ],
  key: ['person_id', 'day'],
  knownFields: new Set([...COMMON_FIELDS, 'sleep_records', 'minutes_asleep', 'minutes_in_bed']),
  explode: checked,
});

/** `raw.fitabase_weight_logs`: one row per weight log entry of Fitabase's `weightLogInfo_merged.csv` (kg, % fat, BMI). */
export const FITABASE_WEIGHT_LOGS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'fitabase_weight_logs',
  dataset: 'fitabase/weight_logs',
  columns: [
    { name: 'person_id', type: 'text', required: true },
    { name: 'log_id', type: 'bigint', required: true },
    { name: 'logged_at', type: 'timestamptz', required: true },
    { name: 'day', type: 'timestamp', required: true },
    num('weight_kg'),
    num('fat_pct'),
    num('bmi'),
    { name: 'is_manual_report', type: 'boolean' },
    { name: 'source_file', type: 'text' },
  ],
  key: ['person_id', 'log_id'],
  knownFields: new Set([
    ...COMMON_FIELDS,
    'log_id',
    'logged_at',
    'weight_kg',
    'fat_pct',
    'bmi',
    'is_manual_report',
  ]),
  explode: checked,
});

/** The three Fitabase daily tables. */
export const FITABASE_TABLES = [
  FITABASE_DAILY_ACTIVITY_TABLE,
  FITABASE_SLEEP_DAYS_TABLE,
  FITABASE_WEIGHT_LOGS_TABLE,
] as const;
