import type ExcelJS from 'exceljs';
import { excelLocalDateTime, parseLocalDateTime } from './local-time.js';
import { SetBuilder } from './set-builder.js';
import type { LiftingSet } from './schemas.js';
import { numberOf, weightOf } from './set-values.js';

/** One `<weight>kg (<sets>x<reps> + ...)` group of a cell: `27,5kg (4x12)`, `14kg (1x12 + 1x9)`. */
const GROUP = /(\d+(?:[.,]\d+)?)\s*kg\s*\(([^)]*)\)/gi;
/** One `<sets>x<reps>` inside a group's parentheses. */
const SETS_X_REPS = /^\s*(\d+(?:[.,]\d+)?)\s*x\s*(\d+)\s*$/i;

/** The text of a cell value (formula results, rich text), trimmed. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return String(value.result ?? '').trim();
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
  }
  return String(value).trim();
}

/** Local day of a day-column header: a date cell, or `Dinsdag 1 oktober` (weekday optional, year inferred). */
function dayOf(value: ExcelJS.CellValue, previous: string | undefined): string | undefined {
  if (value instanceof Date) return excelLocalDateTime(value);
  const text = textOf(value).replace(/^[^\d]+\s+(?=\d)/, ''); // drop the weekday name
  const year = Number((previous ?? '').slice(0, 4)) || new Date().getUTCFullYear();
  const day = parseLocalDateTime(`${text} ${year}`.replace(/^(\d+) (\S+) (\d{4})$/, '$1 $2 $3'));
  if (!day || !previous) return day;
  // a day earlier than the column before it is in the next year (the sheet runs left to right)
  return day < previous ? parseLocalDateTime(`${text} ${year + 1}`) : day;
}

/** Whether row 1 has day columns (two or more headers after column A that read as days). */
export function isWideSheet(sheet: ExcelJS.Worksheet): boolean {
  let days = 0;
  let previous: string | undefined;
  sheet.getRow(1).eachCell((cell, col) => {
    if (col === 1) return;
    const day = dayOf(cell.value, previous);
    if (day) [days, previous] = [days + 1, day];
  });
  return days >= 2;
}

/**
 * Parses a hand-kept "phone spreadsheet" in wide format: column A the exercise (a row with only
 * column A filled is a section such as `Push`, the workout's name), one column per training day
 * (header a date cell or Dutch/English day text without a year, the year inferred from the order
 * of the columns), each cell packing the sets as `<w>kg (<n>x<reps> + ...) + ...` (decimal comma,
 * stray spaces allowed). A cell or set count that does not read (`1,5x12`) becomes one set with a `problem`.
 */
export function parseWideSheet(sheet: ExcelJS.Worksheet, file: string): LiftingSet[] {
  const days = new Map<number, { day: string | undefined; header: string }>();
  let previous: string | undefined;
  for (let col = 2; col <= sheet.columnCount; col++) {
    const value = sheet.getRow(1).getCell(col).value;
    const header = textOf(value);
    if (header === '') continue;
    const day = dayOf(value, previous);
    previous = day ?? previous;
    days.set(col, { day, header });
  }
  const builder = new SetBuilder('excel', file);
  for (const [col, { day, header }] of days) {
    let section = '';
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const exercise = textOf(row.getCell(1).value);
      const filled = [...days.keys()].some((c) => textOf(row.getCell(c).value) !== '');
      if (exercise !== '' && !filled) section = exercise;
      const cell = textOf(row.getCell(col).value);
      if (exercise === '' || cell === '') continue;
      const base = {
        source_line: r,
        start_text: header,
        workout_name: section || 'Workout',
        started_at: day ?? null,
        ended_at: null,
        workout_duration_s: null,
        workout_notes: null,
        exercise_name: exercise,
        exercise_notes: null,
        muscle_group: null,
        superset_id: null,
        set_type: 'normal' as const,
        rpe: null,
        distance_m: null,
        set_duration_s: null,
        row: { exercise, day: header, cell },
      };
      const dayProblem = day ? undefined : `day "${header}" is not a date`;
      const groups = [...cell.matchAll(GROUP)];
      if (groups.length === 0) {
        builder.add({
          ...base,
          set_order: null,
          ...weightOf(undefined, 'kg'),
          reps: null,
          problems: [dayProblem, `cell "${cell}" is not "<w>kg (<sets>x<reps>)"`],
        });
        continue;
      }
      let order = 0;
      for (const [, weight, inside] of groups) {
        for (const part of inside!.split('+')) {
          const m = SETS_X_REPS.exec(part);
          const sets = numberOf(m?.[1]);
          const reps = Number(m?.[2]);
          const fields = weightOf(weight, 'kg');
          if (!m || sets === undefined || !Number.isInteger(sets)) {
            builder.add({
              ...base,
              set_order: ++order,
              ...fields,
              reps: null,
              problems: [dayProblem, `"${part.trim()}" in "${cell}" is not a whole number of sets x reps`],
            });
            continue;
          }
          for (let s = 0; s < sets; s++)
            builder.add({
              ...base,
              set_order: ++order,
              ...fields,
              reps,
              problems: [dayProblem, fields.problem],
            });
        }
      }
    }
  }
  return builder.sets;
}
