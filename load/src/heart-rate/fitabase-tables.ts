import type { RawColumn, RawTable } from '../raw-table.js';

const num = (name: string): RawColumn => ({ name, type: 'double precision' });

/** A Fitabase row extract marked with a `problem` goes to `raw.rejected_rows` with it. */
function* checked(record: Readonly<Record<string, unknown>>) {
  if (typeof record.problem === 'string' && record.problem !== '') throw new Error(record.problem);
  yield { value: record };
}

/** Record fields every Fitabase landing record may carry besides its columns. */
const COMMON_FIELDS = ['person_id', 'day', 'source_file', 'line', 'problem'];

/** The person's local day (Fitabase's dates carry no zone). */
const DAY: RawColumn = { name: 'day', type: 'timestamp', required: true };

/**
 * One Fitabase table: `person_id`, then `columns`, then `source_file`; the known fields are the
 * columns plus {@link COMMON_FIELDS}; a record marked with a `problem` goes to `raw.rejected_rows`.
 */
function fitabaseTable(spec: {
  readonly table: string;
  readonly dataset: string;
  readonly key: readonly string[];
  readonly columns: readonly RawColumn[];
}): RawTable {
  return Object.freeze<RawTable>({
    table: spec.table,
    dataset: spec.dataset,
    columns: [
      { name: 'person_id', type: 'text', required: true },
      ...spec.columns,
      { name: 'source_file', type: 'text' },
    ],
    key: spec.key,
    knownFields: new Set([...COMMON_FIELDS, ...spec.columns.map((c) => c.name)]),
    explode: checked,
  });
}

/** `raw.fitabase_daily_activity`: one row per person and day of Fitabase's `dailyActivity_merged.csv` (distances in km, minutes, kcal). */
export const FITABASE_DAILY_ACTIVITY_TABLE: RawTable = fitabaseTable({
  table: 'fitabase_daily_activity',
  dataset: 'fitabase/daily_activity',
  key: ['person_id', 'day'],
  columns: [
    DAY,
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
  ],
});

/** `raw.fitabase_sleep_days`: one row per person and day of Fitabase's `sleepDay_merged.csv` (minutes). */
export const FITABASE_SLEEP_DAYS_TABLE: RawTable = fitabaseTable({
  table: 'fitabase_sleep_days',
  dataset: 'fitabase/sleep_days',
  key: ['person_id', 'day'],
  columns: [DAY, num('sleep_records'), num('minutes_asleep'), num('minutes_in_bed')],
});

/** `raw.fitabase_weight_logs`: one row per weight log entry of Fitabase's `weightLogInfo_merged.csv` (kg, % fat, BMI). */
export const FITABASE_WEIGHT_LOGS_TABLE: RawTable = fitabaseTable({
  table: 'fitabase_weight_logs',
  dataset: 'fitabase/weight_logs',
  key: ['person_id', 'log_id'],
  columns: [
    { name: 'log_id', type: 'bigint', required: true },
    { name: 'logged_at', type: 'timestamptz', required: true },
    DAY,
    num('weight_kg'),
    num('fat_pct'),
    num('bmi'),
    { name: 'is_manual_report', type: 'boolean' },
  ],
});

/** The three Fitabase daily tables. */
export const FITABASE_TABLES = [
  FITABASE_DAILY_ACTIVITY_TABLE,
  FITABASE_SLEEP_DAYS_TABLE,
  FITABASE_WEIGHT_LOGS_TABLE,
] as const;
