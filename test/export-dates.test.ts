import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  runAssetOnce,
  runImporterOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { externalAsset } from '@voyager/orchestration';
import { stravaExportImporter } from '@voyager/extract';
import { createStravaLoadAssets } from '@voyager/load';

// Issue 12 point 11: every export date the importer accepts, the loader accepts. Each vintage goes
// through the real importer (landing) and the real load asset (raw.strava_export_activities); the
// load rejects nothing and keeps the importer's instant.
let runtime: TestRuntime;
let work: string;
let n = 0;
const load = createStravaLoadAssets({
  exportActivities: externalAsset('landing/strava/export_activities'),
}).find((a) => a.key === 'raw/strava_export_activities');

beforeAll(async () => {
  runtime = await createTestRuntime();
  work = await mkdtemp(join(tmpdir(), 'voyager-export-dates-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await runtime?.close();
});

async function importAndLoad(csv: string): Promise<Record<string, unknown>[]> {
  await runtime.landing.deletePrefix('strava/');
  const migrated = await runtime.warehouse.query(`select to_regclass('raw.strava_export_activities') as t`);
  if (migrated.rows[0].t !== null)
    await runtime.warehouse.query(
      'truncate raw.strava_export_activities, raw.rejected_rows, voyager.load_ledger',
    );
  const dir = join(work, `export-${++n}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'activities.csv'), csv);
  const imported = await runImporterOnce(runtime, stravaExportImporter, dir, { runId: `import-${n}` });
  expect(imported.metadata).toMatchObject({ quarantined: 0 });
  const loaded = await runAssetOnce(runtime, load!);
  expect(loaded.status, loaded.error).toBe('success');
  const rejected = await runtime.warehouse.query('select reason from raw.rejected_rows');
  expect(rejected.rows).toEqual([]);
  const { rows } = await runtime.warehouse.query(
    `select activity_id::text as id, to_char(start_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start
       from raw.strava_export_activities order by start_date, activity_id`,
  );
  return rows as Record<string, unknown>[];
}

describe('export dates, importer and loader alike', () => {
  it('the 2018 ten-column vintage: `2014-09-12 16:54:28` (UTC, no zone)', async () => {
    const rows = await importAndLoad(
      [
        'id,date,name,type,description,elapsed_time,distance,commute,gear,filename',
        '1001,2014-09-12 16:54:28,Morning Run,Run,,1800,5000,false,,',
        '1002,2014-09-13T07:00:00Z,Ride,Ride,,3600,20000,false,,',
      ].join('\n'),
    );
    expect(rows).toEqual([
      { id: '1001', start: '2014-09-12T16:54:28Z' },
      { id: '1002', start: '2014-09-13T07:00:00Z' },
    ]);
  });

  for (const [file, count] of [
    ['activities_2023-10-25.csv', 1122],
    ['activities_2024-12-17.csv', 1587],
    ['activities_2025-08-25.csv', 1845],
  ] as const) {
    it(`the ${file} vintage: \`Oct 5, 2014, 4:15:21 PM\``, async () => {
      const rows = await importAndLoad(await readFile(sharedData(`strava-bulk-export/${file}`), 'utf8'));
      expect(rows).toHaveLength(count);
      expect(rows[0]).toEqual({ id: '203707851', start: '2014-10-05T16:15:21Z' });
    });
  }
});
