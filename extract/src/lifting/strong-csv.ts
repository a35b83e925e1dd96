import { STRONG_HEADER_TRANSLATIONS } from './constants.js';
import { parseCsvTable } from './csv-table.js';
import { parseDurationSeconds, parseLocalDateTime } from './local-time.js';
import { SetBuilder } from './set-builder.js';
import type { LiftingSet } from './schemas.js';
import { intOf, numberOf, setTypeOf, textOf, weightOf } from './set-values.js';

/** Metres per international mile (exact; NIST Handbook 44 Appendix C). */
const M_PER_MILE = 1609.344;

/** Whether a header is Strong's (in English or a known translation). */
export function isStrongHeader(header: readonly string[]): boolean {
  const names = header.map((h) => STRONG_HEADER_TRANSLATIONS[h] ?? h);
  return names.includes('Exercise Name') && names.includes('Set Order') && names.includes('Date');
}

/**
 * Parses a Strong CSV export (one row per set) into {@link LiftingSet}s. Both layouts seen in
 * real exports: the comma layout (`Date,Workout Name,Duration,...,RPE`, weights in the app's unit,
 * which the file does not state: `unit`) and the older `;` layout with `Weight Unit` /
 * `Distance Unit` columns; headers in English or Chinese. `Date` is the workout's local start,
 * repeated on every set, so (Date, Workout Name) is the workout. `Set Order` is a number, or
 * `W`/`D`/`F` for warm-up, drop and failure sets. Distance is km, or miles when the weights are lbs.
 */
export function parseStrongCsv(text: string, file: string, unit: 'kg' | 'lbs'): LiftingSet[] {
  const table = parseCsvTable(text, (h) => STRONG_HEADER_TRANSLATIONS[h] ?? h);
  const builder = new SetBuilder('strong', file);
  for (const { line, values: v } of table.rows) {
    const dateText = v['Date'] ?? '';
    const started = parseLocalDateTime(dateText);
    const duration = parseDurationSeconds(v['Duration'] ?? '');
    const rowUnit = v['Weight Unit'] === undefined ? unit : /lb/i.test(v['Weight Unit']) ? 'lbs' : 'kg';
    const weight = weightOf(v['Weight'], rowUnit);
    const distanceUnit = textOf(v['Distance Unit']) ?? (unit === 'lbs' ? 'mi' : 'km');
    const distance = numberOf(v['Distance']);
    const seconds = numberOf(v['Seconds']);
    const order = v['Set Order'] ?? '';
    builder.add({
      source_line: line,
      start_text: dateText,
      workout_name: textOf(v['Workout Name']) ?? '',
      started_at: started ?? null,
      ended_at:
        started && duration !== undefined
          ? new Date(Date.parse(`${started}Z`) + duration * 1000).toISOString().slice(0, 19)
          : null,
      workout_duration_s: duration ?? null,
      workout_notes: textOf(v['Workout Notes']),
      exercise_name: textOf(v['Exercise Name']) ?? '',
      exercise_notes: textOf(v['Notes']),
      muscle_group: null,
      superset_id: null,
      set_order: intOf(order),
      set_type: /^\d+$/.test(order.trim()) ? 'normal' : setTypeOf(order),
      ...weight,
      reps: intOf(v['Reps']),
      rpe: numberOf(v['RPE']) ?? null,
      distance_m: distance ? distance * (/mi/i.test(distanceUnit) ? M_PER_MILE : 1000) : null,
      set_duration_s: seconds ? seconds : null,
      row: v,
      problems: [started ? undefined : `date "${dateText}" is not a date`, weight.problem],
    });
  }
  return builder.sets;
}
