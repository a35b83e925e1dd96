import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  S3ObjectStore,
  createTestRuntime,
  requireMotoServer,
  sharedData,
  startMotoServer,
  type MotoServer,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { LocalObjectStore, type AssetDefinition } from '@voyager/orchestration';
import { filesInboxAsset } from '@voyager/extract';
import { takeInbox } from '@voyager/extract/testing';
import { inboxLoadAssets, runSucceeded } from './inbox-load-assets.js';
import { runVoyager } from './run-cli.js';

// The activity-file inbox end to end (issue 15): real device files dropped in the default inbox
// land once, load into raw (activities and stream points beside the API's, marked with their
// source; file details; the ledger), and the `voyager import <path>` CLI shares the ledger. The
// S3 inbox runs against moto's S3.
const samples = () => sharedData('strava-bulk-export/activity-file-samples');
let runtime: TestRuntime;
let inbox: string;
const { rawActivities, rawStreams, rawFileActivities, rawLedger } = inboxLoadAssets();
const run = (asset: AssetDefinition) => runSucceeded(runtime, asset);
const query = async <T>(sql: string) =>
  (await runtime.warehouse.query<T & Record<string, unknown>>(sql)).rows;

beforeAll(async () => {
  runtime = await createTestRuntime();
  inbox = join(runtime.home, 'inbox');
  await mkdir(join(inbox, 'garmin'), { recursive: true });
});
afterAll(async () => {
  await runtime?.close();
});

describe('landing/files/activities on the default inbox', () => {
  it('lands the device files once, loads them beside the API tables, and quarantines the truncated one', async () => {
    await copyFile(join(samples(), 'garmin-fenix-5-run.fit'), join(inbox, 'garmin', 'run.fit'));
    await copyFile(join(samples(), 'garmin-edge-820-bike.fit'), join(inbox, 'garmin', 'bike.fit'));
    await copyFile(join(samples(), 'strava-android-app-201.10-b1218918.fit'), join(inbox, 'app.fit'));
    await copyFile(sharedData('strava-api-v3/files/17611540601.tcx'), join(inbox, 'run.tcx'));
    expect(await run(filesInboxAsset)).toMatchObject({ files_taken: 4, activities: 3, quarantined: 1 });
    expect(await run(rawActivities!)).toMatchObject({ rows: 3, rejected_rows: 0 });
    expect(await run(rawStreams!)).toMatchObject({ rows: 21 + 15 + 200, rejected_rows: 0 });
    expect(await run(rawFileActivities!)).toMatchObject({ rows: 3, rejected_rows: 0 });
    expect(await run(rawLedger!)).toMatchObject({ rows: 4, rejected_rows: 0 });
    expect(
      await query(
        'select source, sport_type, start_date, distance_m from raw.strava_activities order by start_date',
      ),
    ).toEqual([
      { source: 'fit', sport_type: 'Run', start_date: new Date('2017-06-11T14:34:09Z'), distance_m: 157.56 },
      { source: 'fit', sport_type: 'Ride', start_date: new Date('2017-06-12T16:10:15Z'), distance_m: 457.12 },
      {
        source: 'tcx',
        sport_type: 'Run',
        start_date: new Date('2022-12-05T00:14:28Z'),
        distance_m: 2998.9800000000005,
      },
    ]);
    expect(
      await query(
        "select file_name, device_manufacturer, device_serial_number::text as serial, sensor_count from raw.files_activities where format = 'fit' order by file_name",
      ),
    ).toEqual([
      { file_name: 'garmin/bike.fit', device_manufacturer: 'garmin', serial: '3932942223', sensor_count: 5 },
      { file_name: 'garmin/run.fit', device_manufacturer: 'garmin', serial: '3945849289', sensor_count: 5 },
    ]);
    expect(await query('select name, outcome, reason from raw.files_inbox_ledger order by name')).toEqual([
      { name: 'app.fit', outcome: 'quarantined', reason: 'corrupt FIT (File data exceeds input length)' },
      { name: 'garmin/bike.fit', outcome: 'landed', reason: null },
      { name: 'garmin/run.fit', outcome: 'landed', reason: null },
      { name: 'run.tcx', outcome: 'landed', reason: null },
    ]);
  });

  it('a second run takes nothing; a renamed copy is not new', async () => {
    await copyFile(join(inbox, 'garmin', 'run.fit'), join(inbox, 'renamed.fit'));
    expect(await run(filesInboxAsset)).toMatchObject({ files_taken: 0, files_known: 5, activities: 0 });
    expect(await run(rawActivities!)).toMatchObject({ rows: 0 });
    expect(await query<{ n: string }>('select count(*) as n from raw.strava_activities')).toEqual([
      { n: '3' },
    ]);
  });
});

describe('the S3 inbox (moto)', () => {
  const moto = requireMotoServer();
  let server: MotoServer | undefined;
  beforeAll(async () => {
    if (!moto.path) return;
    server = await startMotoServer({ executable: moto.path });
    await new S3Client(server.clientConfig).send(new CreateBucketCommand({ Bucket: 'inbox' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!moto.path)('takes the files under s3://inbox/drop/ once', async () => {
    const store = new S3ObjectStore('s3://inbox/drop/', {
      endpoint: server!.endpoint,
      region: server!.region,
      clientConfig: { credentials: server!.credentials },
    });
    await store.put('watch/run.fit', await readFile(join(samples(), 'garmin-fenix-5-run.fit')));
    await store.put('notes.txt', 'not an activity');
    // a zip is streamed from S3 to a temporary file, not read whole
    const zip = new yazl.ZipFile();
    zip.addBuffer(await readFile(join(samples(), 'garmin-edge-820-bike.fit')), 'bike.fit');
    zip.end();
    await store.put('export.zip', zip.outputStream as unknown as Readable);
    const landing = new LocalObjectStore(join(runtime.home, 's3-landing'));
    const log = createLogger({ level: 'silent', pretty: false });
    const first = await takeInbox(store, { landing, runId: 's3-1', log });
    expect(first.counts).toMatchObject({ files_taken: 4, activities: 2, ignored: 1 }); // the zip and its entry
    expect(first.ledger.find((r) => r.name === 'export.zip!bike.fit')).toMatchObject({ outcome: 'landed' });
    expect((await takeInbox(store, { landing, runId: 's3-2', log })).counts).toMatchObject({
      files_taken: 0,
      files_known: 3,
    });
    expect((await store.list('')).map((o) => o.key)).toEqual(['export.zip', 'notes.txt', 'watch/run.fit']); // never deleted
  });
});

describe('voyager import <path>', () => {
  it('takes a file through the same ledger: once, then known', async () => {
    const env = {
      VOYAGER_HOME: runtime.home,
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_DBT_RUNNER: 'builtin',
    };
    const file = join(runtime.home, 'elsewhere.fit');
    await copyFile(join(samples(), 'garmin-edge-820-bike.fit'), file); // the inbox already took these bytes
    const known = await runVoyager(['import', file, '--json'], env);
    expect(known.code, known.stderr).toBe(0);
    expect(JSON.parse(known.stdout)).toMatchObject({ files_taken: 0, files_known: 1 });
    const missing = await runVoyager(['import', join(runtime.home, 'nope.fit')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `cannot import ${join(runtime.home, 'nope.fit')}: no such file or folder`,
    );
  });
});
