import { cp, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestRuntime,
  runAssetOnce,
  runImporterOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { LandingBatchWriter, loadDbtAssets, type AssetDefinition } from '@voyager/orchestration';
import { modelsFor } from './dbt-selection.js';
import { filesInboxAsset, stravaExportImporter } from '@voyager/extract';
import { createFilesLoadAssets, createStravaLoadAssets } from '@voyager/load';
import { transformationDir } from './real-dbt.js';

// One real-world activity from three sources (issue 15, "one activity, many sources"): a run
// listed by the API, the same run in a bulk export (same Strava id, its FIT file attached) and
// the watch's own FIT file dropped in the inbox (no Strava id: matched by start time and sport).
// The FIT files are the real Garmin samples of ../shared/data; the API record and the export row
// are written here around the FIT's own start (20 s later, as Strava's upload often is).
const samples = () => sharedData('strava-bulk-export/activity-file-samples');
let runtime: TestRuntime;
let rawAssets: AssetDefinition[];
const q = async <T>(sql: string) => (await runtime.warehouse.query(sql)).rows as T[];

const apiRun = {
  id: 900001,
  name: 'Lunch run (renamed on Strava)',
  type: 'Run',
  sport_type: 'Run',
  start_date: '2017-06-11T14:34:29Z',
  start_date_local: '2017-06-11T07:34:29Z',
  distance: 160.2,
  moving_time: 55,
  elapsed_time: 57,
  athlete: { id: 7 },
  gear_id: 'g1',
};
const apiRide = {
  ...apiRun,
  id: 900002,
  name: 'Evening ride',
  type: 'Ride',
  sport_type: 'Ride',
  start_date: '2020-01-01T17:00:00Z',
  start_date_local: '2020-01-01T18:00:00Z',
  distance: 20000,
  elapsed_time: 3600,
};

async function run(asset: AssetDefinition) {
  const outcome = await runAssetOnce(runtime, asset);
  expect(outcome.status, `${asset.key}: ${outcome.error}`).toBe('success');
  const failed = outcome.checks.filter((c) => c.status !== 'success');
  expect(
    failed.map((c) => [asset.key, c.name]),
    asset.key,
  ).toEqual([]);
  return outcome.metadata;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
  // 1. the API listed the run (and a ride no file knows)
  const api = new LandingBatchWriter(runtime.landing, { dataset: 'strava/activities', runId: 'api-1' });
  await api.writePart([apiRun, apiRide]);
  await api.commit({ pages: 1 });
  // 2. the bulk export holds the same run, with the watch's FIT attached
  const exportDir = join(runtime.home, 'export');
  await mkdir(join(exportDir, 'activities'), { recursive: true });
  await writeFile(
    join(exportDir, 'activities.csv'),
    'id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n' +
      '900001,2017-06-11T14:34:29Z,Lunch run,Run,,57,160.2,false,,activities/900001.fit.gz\n',
  );
  await writeFile(
    join(exportDir, 'activities', '900001.fit.gz'),
    gzipSync(await readFile(join(samples(), 'garmin-fenix-5-run.fit'))),
  );
  await runImporterOnce(runtime, stravaExportImporter, exportDir, { runId: 'export-1' });
  // 3. the watch's files in the inbox: the run again, and a ride of another day no other source has
  await mkdir(join(runtime.home, 'inbox'), { recursive: true });
  await copyFile(join(samples(), 'garmin-fenix-5-run.fit'), join(runtime.home, 'inbox', 'run.fit'));
  await copyFile(join(samples(), 'garmin-edge-820-bike.fit'), join(runtime.home, 'inbox', 'bike.fit'));
  await run(filesInboxAsset);

  const strava = createStravaLoadAssets({
    activities: filesInboxAsset,
    activityStreams: filesInboxAsset,
    files: filesInboxAsset,
  });
  const files = createFilesLoadAssets({ activities: filesInboxAsset });
  const raw = [...strava, ...files];
  for (const key of [
    'raw/strava_activities',
    'raw/strava_export_activities',
    'raw/strava_activity_streams',
    'raw/files_activities',
  ])
    await run(raw.find((a) => a.key === key)!);
  const dbt = await loadDbtAssets({ projectDir: transformationDir, upstream: raw });
  const models = modelsFor(dbt.assets, ['marts/fct_activities']);
  for (const asset of models) await run(asset);
  rawAssets = raw;
}, 600_000);
afterAll(async () => {
  await runtime?.close();
});

describe('one activity, many sources', () => {
  it('fct_activities holds the run once, with its three sources, and the unmatched ride of each side', async () => {
    const rows = await q<Record<string, unknown>>(
      'select activity_id::text as id, activity_name, sport_type, record_source, source_count::int as n, sources, streams_source from marts.fct_activities order by started_at',
    );
    expect(rows.map((r) => ({ ...r, id: Number(r.id) > 0 ? r.id : 'negative' }))).toEqual([
      {
        id: '900001',
        activity_name: 'Lunch run (renamed on Strava)',
        sport_type: 'Run',
        record_source: 'api',
        n: 3,
        sources: 'api, bulk_export, fit',
        streams_source: 'fit',
      },
      {
        id: 'negative',
        activity_name: 'Ride (bike.fit)',
        sport_type: 'Ride',
        record_source: 'fit',
        n: 1,
        sources: 'fit',
        streams_source: 'fit',
      },
      {
        id: '900002',
        activity_name: 'Evening ride',
        sport_type: 'Ride',
        record_source: 'api',
        n: 1,
        sources: 'api',
        streams_source: 'api',
      },
    ]);
  });

  it('fct_activity_sources says which source each record is, how it matched, and which won', async () => {
    const rows = await q<Record<string, unknown>>(
      'select record_source, file_name, match_rule, start_offset_s::int as offset_s, is_canonical, wins_streams, won_summary_because, won_streams_because from marts.fct_activity_sources where activity_id = 900001 order by record_source',
    );
    expect(rows).toEqual([
      {
        record_source: 'api',
        file_name: null,
        match_rule: 'self',
        offset_s: 0,
        is_canonical: true,
        wins_streams: false,
        won_summary_because: 'summary, name, sport and gear: the Strava record (edited there later)',
        won_streams_because: null,
      },
      {
        record_source: 'bulk_export',
        file_name: null,
        match_rule: 'strava_id',
        offset_s: 0,
        is_canonical: false,
        wins_streams: false,
        won_summary_because: null,
        won_streams_because: null,
      },
      {
        record_source: 'fit',
        file_name: 'run.fit',
        match_rule: 'start_time_and_sport',
        offset_s: 20,
        is_canonical: false,
        wins_streams: true,
        won_summary_because: null,
        won_streams_because: 'streams: a device file beats the export and the API',
      },
    ]);
  });
});

describe('a match a person overrides (stg_files__match_overrides)', () => {
  it('wins over the automatic match: a file joined to another Strava activity, a matched file kept apart', async () => {
    const ids = Object.fromEntries(
      (
        await q<{ file_name: string; id: string }>(
          "select file_name, source_activity_id::text as id from marts.fct_activity_sources where record_source = 'fit'",
        )
      ).map((r) => [r.file_name, r.id]),
    );
    expect(Object.keys(ids).sort()).toEqual(['bike.fit', 'run.fit']);
    // the person's edit, on a copy of the project: the ride file is the Strava ride of 2020 (no
    // rule matches a file of 2017 to it), and the run file is not the API's run (the rules matched it)
    const project = join(runtime.home, 'transformation');
    await cp(transformationDir, project, {
      recursive: true,
      filter: (src) => !/[/\\](target|logs|dbt_packages)$/.test(src),
    });
    const file = join(project, 'models/staging/files/stg_files__match_overrides.sql');
    const sql = await readFile(file, 'utf8');
    const values = '(cast(null as bigint), cast(null as bigint))';
    expect(sql).toContain(values);
    await writeFile(
      file,
      sql.replace(values, `${values},\n    (${ids['bike.fit']}, 900002),\n    (${ids['run.fit']}, null)`),
    );
    const dbt = await loadDbtAssets({ projectDir: project, upstream: rawAssets });
    for (const key of ['stg_files__match_overrides', 'fct_activity_sources', 'fct_activities'])
      await run(dbt.assets.find((a) => a.key.endsWith(`/${key}`))!);
    await rm(project, { recursive: true, force: true });

    const rows = await q<Record<string, unknown>>(
      'select activity_id::text as id, activity_name, record_source, source_count::int as n, sources, streams_source from marts.fct_activities order by started_at',
    );
    expect(rows.map((r) => ({ ...r, id: Number(r.id) > 0 ? r.id : 'negative' }))).toEqual([
      {
        id: 'negative',
        activity_name: 'Run (run.fit)',
        record_source: 'fit',
        n: 1,
        sources: 'fit',
        streams_source: 'fit',
      },
      {
        id: '900001',
        activity_name: 'Lunch run (renamed on Strava)',
        record_source: 'api',
        n: 2,
        sources: 'api, bulk_export',
        streams_source: 'bulk_export',
      },
      {
        id: '900002',
        activity_name: 'Evening ride',
        record_source: 'api',
        n: 2,
        sources: 'api, fit',
        streams_source: 'fit',
      },
    ]);
    expect(
      await q(
        "select file_name, activity_id::text as activity_id, match_rule from marts.fct_activity_sources where record_source = 'fit' order by file_name",
      ),
    ).toEqual([
      { file_name: 'bike.fit', activity_id: '900002', match_rule: 'override' },
      { file_name: 'run.fit', activity_id: ids['run.fit'], match_rule: 'override' },
    ]);
  });
});
