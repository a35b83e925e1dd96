import ExcelJS from 'exceljs';
import { excelLocalDateTime, parseLocalDateTime } from './local-time.js';
import { isWideSheet, parseWideSheet } from './excel-wide-log.js';
import { SetBuilder } from './set-builder.js';
import type { LiftingSet } from './schemas.js';
import { intOf, numberOf, textOf, weightOf } from './set-values.js';

/** Header names (lowercase, `_`/spaces ignored) of a long-format log's columns, first match wins. */
const COLUMNS = {
  date: ['date', 'day', 'datum', 'data'],
  workout: ['workout', 'workoutname', 'session'],
  exercise: ['exercise', 'exercisename', 'oefening', 'exercicio'],
  set: ['setno', 'set', 'setorder', 'setnumber'],
  weightKg: ['weightkg', 'weight', 'kg'],
  weightLbs: ['weightlbs', 'lbs'],
  reps: ['reps', 'repetitions'],
  muscle: ['bodypart', 'musclegroup', 'muscle'],
  notes: ['notes', 'note', 'comment'],
  rpe: ['rpe'],
} as const;

/** A cell's value as exceljs reads it: formulas give their cached result, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('result' in value) return value.result;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return value.text;
  return undefined;
}

/**
 * Parses a lifting log kept in an Excel workbook (.xlsx, read with exceljs), long format: the
 * first sheet, a header row naming the columns (`date`, `exercise`, `set_no`, `weight_kg` or
 * `weight_lbs`, `reps`, optional `body_part`, `notes`, `workout`, `rpe`), one row per set. A
 * workout is one date (and workout name, when there is that column). Dates are Excel date cells
 * or date text; a weight of `BW` or an empty one is a body-weight set; `body_part` is the muscle group.
 * A sheet with one column per training day instead is read by {@link parseWideSheet}.
 * @throws Error when the first sheet has no `date` and `exercise` column.
 */
export async function parseExcelLog(bytes: Buffer, file: string): Promise<LiftingSet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = String(cellValue(cell.value) ?? '')
      .toLowerCase()
      .replace(/[\s_#.-]/g, '');
    if (!header.has(name)) header.set(name, col);
  });
  const column = (k: keyof typeof COLUMNS) =>
    COLUMNS[k].map((n) => header.get(n)).find((c) => c !== undefined);
  const [date, exercise] = [column('date'), column('exercise')];
  if ((date === undefined || exercise === undefined) && isWideSheet(sheet))
    return parseWideSheet(sheet, file);
  if (date === undefined || exercise === undefined)
    throw new Error(`sheet "${sheet.name}" has no "date" and "exercise" columns in row 1`);
  const lbs = column('weightKg') === undefined && column('weightLbs') !== undefined;
  const builder = new SetBuilder('excel', file);
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (k: keyof typeof COLUMNS) => {
      const c = column(k);
      return c === undefined ? undefined : cellValue(row.getCell(c).value);
    };
    const rawDate = get('date');
    const name = textOf(get('exercise'));
    if (rawDate === undefined && name === null) continue; // blank row
    const started =
      rawDate instanceof Date ? excelLocalDateTime(rawDate) : parseLocalDateTime(String(rawDate ?? ''));
    const weight = weightOf(lbs ? get('weightLbs') : get('weightKg'), lbs ? 'lbs' : 'kg');
    const values: Record<string, unknown> = {};
    header.forEach((c, h) => {
      const v = cellValue(row.getCell(c).value);
      values[h] = v instanceof Date ? v.toISOString() : (v ?? null);
    });
    const startText = rawDate instanceof Date ? rawDate.toISOString() : String(rawDate ?? '');
    builder.add({
      source_line: r,
      start_text: startText,
      workout_name: textOf(get('workout')) ?? 'Workout',
      started_at: started ?? null,
      ended_at: null,
      workout_duration_s: null,
      workout_notes: null,
      exercise_name: name ?? '',
      exercise_notes: textOf(get('notes')),
      muscle_group: textOf(get('muscle')),
      superset_id: null,
      set_order: intOf(get('set')),
      set_type: 'normal',
      ...weight,
      reps: intOf(get('reps')),
      rpe: numberOf(get('rpe')) ?? null,
      distance_m: null,
      set_duration_s: null,
      row: values,
      problems: [started ? undefined : `date "${startText}" is not a date`, weight.problem],
    });
  }
  return builder.sets;
}
