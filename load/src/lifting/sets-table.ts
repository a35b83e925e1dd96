import type { RawTable } from '../raw-table.js';

/** Landing dataset `raw.lifting_sets` reads (written by extract's lifting importer and inbox asset). */
export const LIFTING_SETS_DATASET = 'lifting/sets';

/** Fields of a landed set (extract's `LiftingSet`). */
const SET_FIELDS = [
  'source_app',
  'source_file',
  'source_line',
  'workout_id',
  'workout_name',
  'started_at',
  'ended_at',
  'workout_duration_s',
  'workout_notes',
  'exercise_name',
  'exercise_notes',
  'muscle_group',
  'superset_id',
  'set_number',
  'set_order',
  'set_type',
  'weight_kg',
  'weight',
  'weight_unit',
  'is_bodyweight',
  'reps',
  'rpe',
  'distance_m',
  'set_duration_s',
  'problem',
  'row',
];

/**
 * `raw.lifting_sets`: one row per set of a lifting log (Strong, Hevy, .xlsx), keyed by
 * (`workout_id`, `set_number`). Replace by file and by workout: an export is the app's whole log,
 * so a file (by name, `source_file`) replaces every row earlier loaded from a file of that name,
 * and each workout in it replaces every earlier row of that workout, whichever file it came
 * from. Re-importing a changed workout replaces its sets; a workout deleted in the app leaves
 * raw; one whose name or start was edited (its key, a hash of app, start and name, changes: none
 * of the apps exports a workout id) leaves no duplicate; the same file twice changes nothing. A set extract marked with a `problem` (unparsable date,
 * negative weight) goes to `raw.rejected_rows` with that reason. Weights in kg (`weight_kg`), the
 * value and unit as the file had them (`weight`, `weight_unit`); times local, without zone.
 */
export const LIFTING_SETS_TABLE: RawTable = Object.freeze<RawTable>({
  table: 'lifting_sets',
  dataset: LIFTING_SETS_DATASET,
  columns: [
    { name: 'workout_id', type: 'text', required: true },
    { name: 'set_number', type: 'integer', required: true },
    { name: 'source_app', type: 'text', required: true },
    { name: 'source_file', type: 'text' },
    { name: 'source_line', type: 'integer' },
    { name: 'workout_name', type: 'text' },
    { name: 'started_at', type: 'timestamp', required: true },
    { name: 'ended_at', type: 'timestamp' },
    { name: 'workout_duration_s', type: 'double precision' },
    { name: 'workout_notes', type: 'text' },
    { name: 'exercise_name', type: 'text', required: true },
    { name: 'exercise_notes', type: 'text' },
    { name: 'muscle_group', type: 'text' },
    { name: 'superset_id', type: 'text' },
    { name: 'set_order', type: 'integer' },
    { name: 'set_type', type: 'text' },
    { name: 'weight_kg', type: 'double precision' },
    { name: 'weight', type: 'double precision' },
    { name: 'weight_unit', type: 'text' },
    { name: 'is_bodyweight', type: 'boolean' },
    { name: 'reps', type: 'integer' },
    { name: 'rpe', type: 'double precision' },
    { name: 'distance_m', type: 'double precision' },
    { name: 'set_duration_s', type: 'double precision' },
  ],
  key: ['workout_id', 'set_number'],
  replaceBy: 'workout_id',
  replaceAlsoBy: 'source_file',
  knownFields: new Set(SET_FIELDS),
  explode(record) {
    if (typeof record.problem === 'string' && record.problem !== '') throw new Error(record.problem);
    if (typeof record.weight_kg === 'number' && record.weight_kg < 0)
      throw new Error(`weight ${record.weight_kg} kg is negative`);
    if (record.exercise_name === '') throw new Error('exercise name is empty');
    return [{ value: record }];
  },
});
