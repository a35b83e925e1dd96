import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '@voyager/orchestration/testing';
import { generateSampleStrongCsv } from '../src/lifting/sample-log.js';
import { parseLiftingFile } from '../src/lifting/lifting-file.js';
import { type LiftingSet } from '../src/lifting/schemas.js';

// The real exports in ../shared/data/weightlifting (SOURCE.md lists each file's traps). The
// expected counts are computed here from the files themselves, independently of the parsers.
const dir = () => sharedData('weightlifting');

/** Rows, workouts and exercise names of a CSV, counted straight from its columns. */
function csvCounts(file: string, delimiter: string, workoutColumns: number[], exerciseColumn: number) {
  const rows = parse(readFileSync(join(dir(), file)), { delimiter, bom: true }) as string[][];
  const body = rows.slice(1);
  return {
    sets: body.length,
    workouts: new Set(body.map((r) => workoutColumns.map((c) => r[c]).join('\u0000'))).size,
    exercises: new Set(body.map((r) => r[exerciseColumn])).size,
  };
}

async function parsed(file: string): Promise<LiftingSet[]> {
  return parseLiftingFile(join(dir(), file), readFileSync(join(dir(), file)));
}

function counts(sets: readonly LiftingSet[]) {
  return {
    sets: sets.length,
    workouts: new Set(sets.map((s) => s.workout_id)).size,
    exercises: new Set(sets.map((s) => s.exercise_name)).size,
  };
}

describe('lifting logs: the real Strong, Hevy and Excel files', () => {
  it.each([
    ['strong_breinsp_kg.csv', ',', [0, 1], 3],
    ['strong_dericmei_zh-CN_lbs.csv', ',', [0, 1], 3],
    ['strong_dstanek_semicolon_lbs.csv', ';', [0, 1], 2],
    ['hevy_mouadja02.csv', ',', [0, 1], 4],
    ['hevy_biaazv_pt-BR.csv', ',', [0, 1], 4],
  ] as const)('%s: every set, workout and exercise of the file, none rejected', async (file, d, w, e) => {
    const sets = await parsed(file);
    expect(counts(sets)).toEqual(csvCounts(file, d, [...w], e));
    expect(sets.filter((s) => s.problem !== null)).toEqual([]);
    expect(
      sets.every((s) => s.started_at !== null && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(s.started_at)),
    ).toBe(true);
  });

  it('Strong kg: the text durations and the workout start repeated on every set', async () => {
    const sets = await parsed('strong_breinsp_kg.csv');
    expect(sets[0]).toMatchObject({
      started_at: '2021-02-10T16:46:13',
      workout_duration_s: 2 * 3600 + 18 * 60,
      ended_at: '2021-02-10T19:04:13',
      workout_name: 'Mittwoch',
      exercise_name: 'Bench Press (Barbell)',
      weight_kg: 75,
      weight_unit: 'kg',
      reps: 8,
    });
    expect(sets.find((s) => s.exercise_name === 'Plank')?.set_duration_s).toBeGreaterThan(0);
  });

  it('Strong in Chinese, lbs: translated header, 小时/分钟 durations, pounds back to round kg', async () => {
    const sets = await parsed('strong_dericmei_zh-CN_lbs.csv');
    expect(sets[0]).toMatchObject({
      started_at: '2020-09-29T07:10:22',
      workout_duration_s: 3600 + 13 * 60,
      weight: 44.09245243697551,
      weight_unit: 'lbs',
      weight_kg: 20,
      exercise_notes: '4x8',
      workout_notes: '星期二',
    });
    expect(sets.find((s) => s.weight === 110.23113109243879)?.weight_kg).toBe(50);
  });

  it('Strong ; layout: Weight Unit per row; the 70 empty weights are body-weight sets', async () => {
    const sets = await parsed('strong_dstanek_semicolon_lbs.csv');
    const bodyweight = sets.filter((s) => s.weight === null);
    expect(bodyweight).toHaveLength(70);
    expect(bodyweight.every((s) => s.is_bodyweight && s.weight_kg === null && s.weight_unit === null)).toBe(
      true,
    );
    expect(sets.filter((s) => s.weight_unit === 'lbs')).toHaveLength(5332);
    expect(sets[0]).toMatchObject({ weight: 90, weight_kg: 40.823 });
  });

  it('Hevy pt-BR: Portuguese month names, set types, RPE, cardio duration', async () => {
    const sets = await parsed('hevy_biaazv_pt-BR.csv');
    expect(sets[0]).toMatchObject({
      started_at: '2026-05-05T07:34:00',
      ended_at: '2026-05-05T08:44:00',
      workout_duration_s: 70 * 60,
      set_order: 1,
      set_type: 'warmup',
    });
    const byType = (t: string) => sets.filter((s) => s.set_type === t).length;
    expect([byType('failure'), byType('warmup'), byType('normal')]).toEqual([2797, 1513, 166]);
    expect(sets.filter((s) => s.rpe !== null)).toHaveLength(46);
    expect(sets.filter((s) => s.weight === null)).toHaveLength(96);
    const months = new Set(sets.map((s) => s.started_at!.slice(5, 7)));
    expect(months.size).toBe(12);
    expect(sets.some((s) => s.exercise_name === 'Bicicleta' && (s.set_duration_s ?? 0) > 0)).toBe(true);
  });

  it('Hevy English: emoji titles, supersets, newest-first rows', async () => {
    const sets = await parsed('hevy_mouadja02.csv');
    expect(sets.filter((s) => s.superset_id !== null)).toHaveLength(54);
    expect(sets.some((s) => s.workout_name.includes('🏋️'))).toBe(true);
    expect(sets.filter((s) => s.is_bodyweight && s.weight === null)).toHaveLength(4);
  });

  it('Excel long-format log: date cells, BW weights, body part as muscle group', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir(), 'workout_log_jatin30.xlsx'));
    const sheet = workbook.worksheets[0]!;
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push([row.getCell(1).value, row.getCell(3).value, row.getCell(5).value]);
    });
    const sets = await parsed('workout_log_jatin30.xlsx');
    expect(counts(sets)).toEqual({
      sets: rows.length,
      workouts: new Set(rows.map((r) => (r[0] as Date).toISOString())).size,
      exercises: new Set(rows.map((r) => String(r[1]).trim())).size,
    });
    expect(counts(sets)).toEqual({ sets: 5993, workouts: 374, exercises: 197 });
    expect(sets.filter((s) => s.row.weightkg === 'BW').every((s) => s.is_bodyweight)).toBe(true);
    expect(sets.filter((s) => s.row.weightkg === 'BW')).toHaveLength(323);
    expect(sets[0]).toMatchObject({ started_at: '2023-10-06T00:00:00', muscle_group: 'Shoulder' });
  });
});

describe('lifting logs: the wide Dutch workbook (one column per day)', () => {
  it('reads every set packed in the cells, infers the year of the text days, rejects 1,5 sets', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir(), 'pushpull_leanderheulens_nl.xlsx'));
    const sheet = workbook.worksheets[0]!;
    // expected: per cell, the whole n of every "n x reps" (a fractional one is one rejected row)
    let whole = 0;
    let fractional = 0;
    let cells = 0;
    sheet.eachRow((row, r) => {
      if (r === 1) return;
      row.eachCell((cell, c) => {
        if (c === 1 || typeof cell.value !== 'string' || !/kg/i.test(cell.value)) return;
        cells++;
        for (const m of cell.value.matchAll(/(\d+(?:,\d+)?)\s*x\s*\d+/gi)) {
          if (m[1]!.includes(',')) fractional++;
          else whole += Number(m[1]);
        }
      });
    });
    const sets = await parsed('pushpull_leanderheulens_nl.xlsx');
    expect(cells).toBe(122);
    expect(sets.filter((s) => s.problem === null)).toHaveLength(whole);
    expect(sets.filter((s) => s.problem !== null)).toHaveLength(fractional);
    expect([whole, fractional]).toEqual([415, 2]);
    const days = [...new Set(sets.map((s) => s.started_at!.slice(0, 10)))];
    expect(days).toHaveLength(28);
    expect(days.slice(0, 4)).toEqual(['2024-09-25', '2024-09-27', '2024-09-29', '2024-10-01']);
    expect(days.slice(-2)).toEqual(['2025-05-01', '2025-05-02']);
    expect(sets.find((s) => s.row.cell === '27,5kg (4x12)')).toMatchObject({ weight_kg: 27.5, reps: 12 });
    expect(sets[0]).toMatchObject({
      workout_name: 'Push',
      exercise_name: 'Dumbell chest press',
      weight_kg: 14,
    });
  });
});

describe('lifting logs: bad rows and the generated sample', () => {
  it('marks an unparsable date and a negative weight with their reason, keeps the good row', async () => {
    const csv = [
      'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
      '2024-01-02 07:00:00,"A",1h,"Squat (Barbell)",1,100,5,0,0,"","",',
      'someday,"A",1h,"Squat (Barbell)",2,100,5,0,0,,,',
      '2024-01-02 07:00:00,"A",1h,"Squat (Barbell)",3,-20,5,0,0,,,',
    ].join('\n');
    const sets = await parseLiftingFile('/x/bad.csv', Buffer.from(csv));
    expect(sets.map((s) => s.problem)).toEqual([
      null,
      'date "someday" is not a date',
      'weight -20 kg is negative',
    ]);
  });

  it('rejects a file that is no known export with one clear line', async () => {
    await expect(parseLiftingFile('/x/notes.csv', Buffer.from('a,b\n1,2\n'))).rejects.toThrow(
      'notes.csv: not a Strong or Hevy CSV export nor an .xlsx workbook (unknown header)',
    );
  });

  it('generates the same Strong log every time, which parses without problems', async () => {
    const csv = generateSampleStrongCsv();
    expect(generateSampleStrongCsv()).toBe(csv);
    const sets = await parseLiftingFile('/x/strong-sample.csv', Buffer.from(csv));
    expect(counts(sets)).toEqual({ sets: 300, workouts: 36, exercises: 9 });
    expect(sets.filter((s) => s.problem !== null)).toEqual([]);
    expect(new Set(sets.map((s) => s.set_type))).toEqual(new Set(['normal', 'warmup', 'failure']));
    expect(sets.some((s) => s.workout_notes === 'Heavy week 💪\nknees fine')).toBe(true);
  });
});
