import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLiftingFiles } from '@voyager/extract/testing';
import { createLiftingLoadAssets } from '@voyager/load';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';

// A Hevy export written here (real files are never committed), in pounds (`weight_lbs`), through
// extract's real parser and importer and load's real raw/lifting_sets asset. Then a re-export of
// the same file with one workout deleted and one renamed and moved: a re-exported file replaces
// everything earlier loaded from it.
const HEADER =
  '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles","duration_seconds","rpe"';
const row = (title: string, start: string, exercise: string, index: number, lbs: string, reps: number) =>
  `"${title}","${start}","${start.replace(/\d\d:\d\d$/, '23:00')}","","${exercise}",,"",${index},"normal",${lbs},${reps},,,`;
const PUSH = [
  row('Push', '3 Mar 2025, 18:00', 'Bench Press (Barbell)', 0, '135', 10),
  row('Push', '3 Mar 2025, 18:00', 'Bench Press (Barbell)', 1, '185', 5),
];
const PULL = [row('Pull', '5 Mar 2025, 18:00', 'Deadlift (Barbell)', 0, '225', 5)];
const LEGS = [row('Legs', '7 Mar 2025, 18:00', 'Squat (Barbell)', 0, '200', 8)];
const CARDIO = [`"Run","8 Mar 2025, 07:00","8 Mar 2025, 07:30","","Running",,"",0,"normal",,,"3.1","1800",`];

let runtime: TestRuntime;
let dir: string;
const load = createLiftingLoadAssets({})[0]!;

async function importAndLoad(folder: string, name: string, lines: readonly string[]): Promise<void> {
  await mkdir(join(dir, folder), { recursive: true });
  const path = join(dir, folder, name);
  await writeFile(path, [HEADER, ...lines].join('\n') + '\n');
  const log = pino({ level: 'silent' });
  await importLiftingFiles([path], { landing: runtime.landing, runId: `import-${folder}`, log });
  const outcome = await runAssetOnce(runtime, load);
  expect(outcome.status, outcome.error).toBe('success');
}

const workouts = async () =>
  (
    await runtime.warehouse.query<{ workout_name: string; started_at: string; sets: number }>(
      `select workout_name, to_char(started_at, 'YYYY-MM-DD HH24:MI') as started_at, count(*)::int as sets
         from raw.lifting_sets group by 1, 2 order by 2`,
    )
  ).rows;

beforeAll(async () => {
  runtime = await createTestRuntime();
  dir = await mkdtemp(join(tmpdir(), 'voyager-hevy-'));
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a Hevy export in pounds, re-exported after edits', { timeout: 120_000 }, () => {
  it('normalises weight_lbs to kg and keeps the value and unit as the file gave them', async () => {
    await importAndLoad('first', 'workout_data.csv', [...PUSH, ...PULL, ...LEGS, ...CARDIO]);
    const { rows } = await runtime.warehouse.query<{
      weight: number;
      weight_unit: string;
      weight_kg: number;
      distance_m: number | null;
    }>(
      'select weight, weight_unit, weight_kg, distance_m from raw.lifting_sets order by started_at, set_number',
    );
    // 1 lb = 0.45359237 kg exactly (NIST Handbook 44, Appendix C); 1 mile = 1609.344 m
    expect(rows.slice(0, 4).map((r) => [r.weight, r.weight_unit])).toEqual([
      [135, 'lbs'],
      [185, 'lbs'],
      [225, 'lbs'],
      [200, 'lbs'],
    ]);
    for (const r of rows.slice(0, 4)) expect(r.weight_kg).toBeCloseTo(r.weight * 0.45359237, 1);
    expect(rows[4]!.distance_m).toBeCloseTo(3.1 * 1609.344, 3);
    expect(await workouts()).toEqual([
      { workout_name: 'Push', started_at: '2025-03-03 18:00', sets: 2 },
      { workout_name: 'Pull', started_at: '2025-03-05 18:00', sets: 1 },
      { workout_name: 'Legs', started_at: '2025-03-07 18:00', sets: 1 },
      { workout_name: 'Run', started_at: '2025-03-08 07:00', sets: 1 },
    ]);
  });

  it('a workout deleted from the re-export leaves raw; a renamed and moved one leaves no duplicate', async () => {
    const renamed = LEGS.map((l) => l.replace('"Legs","7 Mar 2025, 18:00"', '"Leg day","7 Mar 2025, 17:30"'));
    // Pull deleted in the app, Legs renamed and its start corrected, the rest unchanged
    await importAndLoad('second', 'workout_data.csv', [...PUSH, ...renamed, ...CARDIO]);
    expect(await workouts()).toEqual([
      { workout_name: 'Push', started_at: '2025-03-03 18:00', sets: 2 },
      { workout_name: 'Leg day', started_at: '2025-03-07 17:30', sets: 1 },
      { workout_name: 'Run', started_at: '2025-03-08 07:00', sets: 1 },
    ]);
  });

  it('another file holding a workout already loaded replaces its sets without touching the first file', async () => {
    await importAndLoad('third', 'hevy_2025_march.csv', PUSH.slice(0, 1));
    expect(await workouts()).toEqual([
      { workout_name: 'Push', started_at: '2025-03-03 18:00', sets: 1 },
      { workout_name: 'Leg day', started_at: '2025-03-07 17:30', sets: 1 },
      { workout_name: 'Run', started_at: '2025-03-08 07:00', sets: 1 },
    ]);
  });
});
