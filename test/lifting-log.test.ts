import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sharedData } from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// The lifting log through the real CLI: `voyager import lifting <folder>` with the real Strong,
// Hevy and Excel files, then `voyager materialize` of raw and the dbt models (built-in runner).
// Expected counts come from the files themselves, read here with csv-parse and exceljs.
const CSV_FILES = [
  ['strong_breinsp_kg.csv', ',', 3],
  ['strong_dericmei_zh-CN_lbs.csv', ',', 3],
  ['strong_dstanek_semicolon_lbs.csv', ';', 2],
  ['hevy_mouadja02.csv', ',', 4],
  ['hevy_biaazv_pt-BR.csv', ',', 4],
] as const;
const XLSX = 'workout_log_jatin30.xlsx';
// the lifting models and what they read beyond them (dim_date over the Strava activities view);
// not every staging model: the other sources' raw tables (totesys) exist only once they load
const SELECT =
  'raw/lifting_sets+ staging/stg_lifting__exercise_aliases staging/stg_strava__activities marts/dim_date';
// the first run loads raw alone: load's migrations create the raw tables the Strava views read
const FIRST_SELECT = 'raw/lifting_sets';

let env: Record<string, string>;
let home: string;
let inbox: string;
const expected = { sets: 0, workouts: 0, names: new Set<string>() };

async function sql<T>(query: string): Promise<T[]> {
  const run = await runVoyager(['sql', query, '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T[];
}

async function importAndLoad(path: string, first = false): Promise<void> {
  const imported = await runVoyager(['import', 'lifting', path, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  if (first) expect((await runVoyager(['materialize', '-s', FIRST_SELECT], env)).code).toBe(0);
  const run = await runVoyager(['materialize', '-s', SELECT, '--json'], env);
  expect(run.code, run.stderr + run.stdout).toBe(0);
}

/** Workout id -> fingerprint of its sets in raw.lifting_sets. */
async function fingerprints(): Promise<Map<string, string>> {
  const rows = await sql<{ workout_id: string; f: string }>(
    `select workout_id, md5(string_agg(concat_ws('|', set_number, exercise_name, weight_kg, reps, set_type), ',' order by set_number)) as f
     from raw.lifting_sets group by workout_id`,
  );
  return new Map(rows.map((r) => [r.workout_id, r.f]));
}

const MART_COUNTS = `select
  (select count(*) from marts.fct_sets) as sets,
  (select count(*) from marts.fct_workouts) as workouts,
  (select count(*) from marts.dim_exercise) as exercises,
  (select count(*) from marts.fct_exercise_one_rep_max) as one_rep_max_days,
  (select count(*) from marts.fct_weekly_muscle_volume) as muscle_weeks,
  (select count(*) from raw.rejected_rows where target_table = 'lifting_sets') as rejected`;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-lifting-'));
  await chmod(home, 0o755);
  inbox = join(home, 'exports');
  await mkdir(inbox);
  for (const [file, delimiter, exercise] of CSV_FILES) {
    await copyFile(sharedData(`weightlifting/${file}`), join(inbox, file));
    const rows = (parse(readFileSync(join(inbox, file)), { delimiter }) as string[][]).slice(1);
    expected.sets += rows.length;
    expected.workouts += new Set(rows.map((r) => `${r[0]}\u0000${r[1]}`)).size;
    for (const r of rows) expected.names.add(r[exercise]!.trim());
  }
  await copyFile(sharedData(`weightlifting/${XLSX}`), join(inbox, XLSX));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(inbox, XLSX));
  const days = new Set<string>();
  workbook.worksheets[0]!.eachRow((row, n) => {
    if (n === 1) return;
    expected.sets++;
    days.add((row.getCell(1).value as Date).toISOString());
    expected.names.add(String(row.getCell(3).value).trim());
  });
  expected.workouts += days.size;
  // the built-in runner: this test's subject is the lifting source, not the dbt engine (the parity
  // suite builds the lifting models with real dbt too), and real dbt per step is minutes here
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

// each step starts the embedded Postgres several times: minutes on a busy machine
describe('voyager import lifting: real exports into the lifting star schema', { timeout: 300_000 }, () => {
  let before: Map<string, string>;

  it('loads every set, workout and exercise of the six files into the marts', async () => {
    await importAndLoad(inbox, true);
    const [counts] = await sql<Record<string, number>>(MART_COUNTS);
    const aliases = await sql<{ exercise_name: string; canonical_exercise_name: string }>(
      'select * from staging.stg_lifting__exercise_aliases',
    );
    const canonical = new Map(aliases.map((a) => [a.exercise_name.toLowerCase(), a.canonical_exercise_name]));
    const exercises = new Set(
      [...expected.names].map((n) => (canonical.get(n.toLowerCase()) ?? n).toLowerCase()),
    );
    expect(expected).toMatchObject({ sets: 25057, workouts: 1446 });
    expect(counts).toMatchObject({
      sets: expected.sets,
      workouts: expected.workouts,
      exercises: exercises.size,
      rejected: 0,
    });
    const [dates] = await sql<{ missing: number }>(
      'select count(*) as missing from marts.fct_workouts w left join marts.dim_date d using (date_day) where d.date_day is null',
    );
    expect(dates!.missing).toBe(0);
    before = await fingerprints();
    expect(before.size).toBe(expected.workouts);
  });

  it('importing the same files again changes nothing', async () => {
    await importAndLoad(inbox);
    expect(await fingerprints()).toEqual(before);
    const [counts] = await sql<Record<string, number>>(MART_COUNTS);
    expect(counts).toMatchObject({ sets: expected.sets, workouts: expected.workouts, rejected: 0 });
  });

  it("a changed workout replaces that workout's sets and nothing else; bad rows go to raw.rejected_rows", async () => {
    const lines = (await readFile(join(inbox, 'strong_breinsp_kg.csv'), 'utf8')).trimEnd().split('\n');
    const first = lines.filter((l) => l.startsWith('2021-02-10 16:46:13'));
    // the whole export again, its first workout edited, plus two bad rows (under 1 % of the file)
    const edited = [
      lines[0]!,
      first[0]!.replace(',75.0,8,', ',80.0,8,'), // heavier first set
      ...first.slice(1, -1), // last set deleted
      ...lines.slice(1).filter((l) => !l.startsWith('2021-02-10 16:46:13')),
      'someday,"Mittwoch",2h 18m,"Bench Press (Barbell)",9,75.0,8,0,0,,,',
      '2021-02-10 16:46:13,"Mittwoch",2h 18m,"Bench Press (Barbell)",9,-5,8,0,0,,,',
    ];
    const changed = join(home, 'changed');
    await mkdir(changed);
    await writeFile(join(changed, 'strong_breinsp_kg.csv'), edited.join('\n') + '\n');
    await importAndLoad(changed);
    const after = await fingerprints();
    const differing = [...after].filter(([id, f]) => before.get(id) !== f).map(([id]) => id);
    expect(differing).toHaveLength(1);
    expect(after.size).toBe(before.size);
    const [counts] = await sql<Record<string, number>>(MART_COUNTS);
    expect(counts!.sets).toBe(expected.sets - 1);
    const rejected = await sql<{ reason: string }>(
      "select reason from raw.rejected_rows where target_table = 'lifting_sets' order by line",
    );
    expect(rejected.map((r) => r.reason)).toEqual([
      'date "someday" is not a date',
      'weight -5 kg is negative',
    ]);
    const [bench] = await sql<{ weight_kg: number }>(
      `select weight_kg from marts.fct_sets where workout_id = '${differing[0]}' and set_number = 1`,
    );
    expect(bench!.weight_kg).toBe(80);
  });
});
