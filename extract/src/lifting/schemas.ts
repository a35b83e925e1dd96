import { z } from 'zod';

/** Which app wrote the file a set comes from. */
export const LiftingApp = z.enum(['strong', 'hevy', 'excel']);
export type LiftingApp = z.infer<typeof LiftingApp>;

/** Set types the apps mark: Hevy's `set_type`, Strong's `W`/`D`/`F` set order. */
export const SetType = z.enum(['normal', 'warmup', 'drop', 'failure']);
export type SetType = z.infer<typeof SetType>;

/**
 * One set of a lifting log as landed in `lifting/sets`, whichever app wrote it. Times are the
 * local wall-clock time the app shows (no zone: none of the apps exports one), ISO 8601 without
 * offset (`2021-02-10T16:46:13`). Weights in kg (`weight_kg`), with the value and unit as the
 * file gave them (`weight`, `weight_unit`). `problem` is set when the row cannot be loaded
 * (unparsable date, negative weight): load sends it to `raw.rejected_rows` with that reason.
 */
export const LiftingSet = z.object({
  source_app: LiftingApp,
  /** File name the set was read from (no folder). */
  source_file: z.string(),
  /** 1-based line (CSV) or row (sheet) of the set in that file. */
  source_line: z.number().int(),
  /** Stable workout key: sha256 of app, start and workout name (first 20 hex digits). */
  workout_id: z.string(),
  workout_name: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  /** Workout duration in seconds, when the app states it. */
  workout_duration_s: z.number().nullable(),
  workout_notes: z.string().nullable(),
  exercise_name: z.string(),
  exercise_notes: z.string().nullable(),
  /** Muscle group / body part as the app gives it (only the Excel log does). */
  muscle_group: z.string().nullable(),
  superset_id: z.string().nullable(),
  /** 1-based position of the set in its workout, in file order (the set's key within the workout). */
  set_number: z.number().int(),
  /** The app's 1-based set number within the exercise; null for Strong's W/D/F rows. */
  set_order: z.number().int().nullable(),
  set_type: SetType,
  weight_kg: z.number().nullable(),
  weight: z.number().nullable(),
  weight_unit: z.enum(['kg', 'lbs']).nullable(),
  /** No external load: weight empty, 0 or `BW`. */
  is_bodyweight: z.boolean(),
  reps: z.number().int().nullable(),
  rpe: z.number().nullable(),
  distance_m: z.number().nullable(),
  set_duration_s: z.number().nullable(),
  problem: z.string().nullable(),
  /** The file's row as text, keyed by its header. */
  row: z.record(z.string(), z.unknown()),
});
export type LiftingSet = z.infer<typeof LiftingSet>;
