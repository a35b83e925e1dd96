import { parseCsvTable } from './csv-table.js';
import { parseLocalDateTime } from './local-time.js';
import { SetBuilder } from './set-builder.js';
import type { LiftingSet } from './schemas.js';
import { intOf, numberOf, setTypeOf, textOf, weightOf } from './set-values.js';

/** Metres per international mile (exact; NIST Handbook 44 Appendix C). */
const M_PER_MILE = 1609.344;

/** Whether a header is Hevy's workout export. */
export function isHevyHeader(header: readonly string[]): boolean {
  return header.includes('exercise_title') && header.includes('start_time') && header.includes('set_index');
}

/**
 * Parses a Hevy CSV export (Settings > Export data; one row per set) into {@link LiftingSet}s.
 * `start_time`/`end_time` are local times in the app's language (`"30 Jun 2025, 19:56"`,
 * `"5 Mai 2026, 07:34"`); (title, start_time) is the workout. `set_index` is 0-based;
 * `set_type` is normal / warmup / failure / dropset; weights are `weight_kg` (or `weight_lbs`),
 * distance `distance_km` (or `distance_miles`). Rows may come newest first.
 */
export function parseHevyCsv(text: string, file: string): LiftingSet[] {
  const table = parseCsvTable(text);
  const builder = new SetBuilder('hevy', file);
  for (const { line, values: v } of table.rows) {
    const startText = v['start_time'] ?? '';
    const started = parseLocalDateTime(startText);
    const ended = parseLocalDateTime(v['end_time'] ?? '');
    const weight =
      v['weight_lbs'] !== undefined && v['weight_kg'] === undefined
        ? weightOf(v['weight_lbs'], 'lbs')
        : weightOf(v['weight_kg'], 'kg');
    const km = numberOf(v['distance_km']);
    const miles = numberOf(v['distance_miles']);
    const index = intOf(v['set_index']);
    builder.add({
      source_line: line,
      start_text: startText,
      workout_name: textOf(v['title']) ?? '',
      started_at: started ?? null,
      ended_at: ended ?? null,
      workout_duration_s:
        started && ended ? (Date.parse(`${ended}Z`) - Date.parse(`${started}Z`)) / 1000 : null,
      workout_notes: textOf(v['description']),
      exercise_name: textOf(v['exercise_title']) ?? '',
      exercise_notes: textOf(v['exercise_notes']),
      muscle_group: null,
      superset_id: textOf(v['superset_id']),
      set_order: index === null ? null : index + 1,
      set_type: setTypeOf(textOf(v['set_type'])),
      ...weight,
      reps: intOf(v['reps']),
      rpe: numberOf(v['rpe']) ?? null,
      distance_m: km !== undefined ? km * 1000 : miles !== undefined ? miles * M_PER_MILE : null,
      set_duration_s: numberOf(v['duration_seconds']) ?? null,
      row: v,
      problems: [started ? undefined : `start_time "${startText}" is not a date`, weight.problem],
    });
  }
  return builder.sets;
}
