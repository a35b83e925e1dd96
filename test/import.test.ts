import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, sharedData } from '@voyager/orchestration/testing';
import { runVoyager } from './run-cli.js';

// The bulk-export path through the real CLI: `voyager import strava-export <folder>` lands the
// export, the next `voyager materialize` loads it and the marts include it, next to the API data.
let env: Record<string, string>;
let home: string;
let exportDir: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'voyager-import-'));
  await chmod(home, 0o755);
  exportDir = join(home, 'export');
  await mkdir(exportDir);
  // a real export's activities.csv (2024 vintage); its activity files are not in this folder
  await copyFile(
    sharedData('strava-bulk-export/activities_2024-12-17.csv'),
    join(exportDir, 'activities.csv'),
  );
  // a fresh clone has no Python tools, so npm start builds the models with the built-in runner
  // (`auto` would find .tools/dbt here); real dbt's builds are tested in test/dbt-parity.test.ts
  env = { VOYAGER_HOME: home, VOYAGER_PG_PORT: String(await freePort()), VOYAGER_DBT_RUNNER: 'builtin' };
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('voyager import strava-export, then npm start', () => {
  it('lands the export, reports files it lacks, and a second import adds nothing', async () => {
    const first = await runVoyager(['import', 'strava-export', exportDir, '--json'], env);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Record<string, number>;
    expect(summary.read).toBe(1587);
    expect(summary.new).toBe(1587);
    expect(summary.filesMissing).toBe(1587);
    const again = JSON.parse(
      (await runVoyager(['import', 'strava-export', exportDir, '--json'], env)).stdout,
    ) as Record<string, number>;
    expect(again).toMatchObject({ read: 1587, new: 0, updated: 0 });
  });

  it('lists the importers in import --help', async () => {
    const help = await runVoyager(['import', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Importers:\n/);
    expect(help.stdout).toMatch(/\n {2}strava-export +Import Strava's bulk export/);
  });

  it('exits 2 (an input error) for a folder without activities.csv, naming it', async () => {
    const empty = join(home, 'empty');
    await mkdir(empty);
    const res = await runVoyager(['import', 'strava-export', empty], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`cannot read the Strava export at ${empty}: no activities.csv in it`);
  });

  it('loads the export into raw and the marts, next to the 1132 API activities', async () => {
    const run = await runVoyager(['materialize', '--json'], env);
    expect(run.code).toBe(0);
    const imported = JSON.parse(
      (await runVoyager(['sql', 'select count(*) as n from raw.strava_export_activities', '--json'], env))
        .stdout,
    ) as { n: number }[];
    expect(imported[0]!.n).toBeGreaterThan(1000);
    const marts = JSON.parse(
      (
        await runVoyager(
          [
            'sql',
            "select count(*) filter (where record_source = 'bulk_export') as exported, count(*) as n from marts.fct_activities",
            '--json',
          ],
          env,
        )
      ).stdout,
    ) as { exported: number; n: number }[];
    expect(marts[0]!.exported).toBe(imported[0]!.n);
    expect(marts[0]!.n).toBe(1132 + imported[0]!.n);
  }, 300_000); // the whole graph: every source group and mart, under a loaded CI machine
});
