import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, sharedData } from '@voyager/orchestration/testing';
import { LocalObjectStore, readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { FILES_DATASETS } from '../src/files/constants.js';
import { type InboxFileHandler } from '../src/files/inbox-handler.js';
import {
  fileActivityId,
  parseDeviceFile,
  readInboxLedger,
  readLandedBatch,
  takeInbox,
  toSportType,
} from '@voyager/extract/testing';
import {
  buildActivityFit,
  buildOtherFit,
  FIT_FILE_TYPE,
  FIT_SPORT,
  FIT_SUB_SPORT,
} from './support/fit-files.js';

// The activity-file inbox (issue 15, first part) on real files: the Garmin FIT samples and the
// Garmin TCX of ../shared/data, the truncated Strava-app FIT (quarantined), and FIT files built
// with fit-file-parser's encoder for what no sample covers (pool lengths, multisport, non-activity types).

const samples = () => sharedData('strava-bulk-export/activity-file-samples');
const log = createLogger({ level: 'silent', pretty: false });
let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'voyager-files-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function records(landing: ObjectStore, dataset: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const m of await readLandingManifests(landing, dataset))
    for await (const r of readLandedBatch(landing, m)) out.push(r);
  return out;
}

function zip(entries: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/**
 * The inbox store, refusing to read a zip whole (`get`): the inbox must stream an archive to a
 * temporary file and read its entries from there, so an export of gigabytes never sits in memory.
 */
function zipsStreamedOnly(store: ObjectStore): ObjectStore {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (property !== 'get') return typeof value === 'function' ? value.bind(target) : value;
      return async (key: string) => {
        if (/\.zip$/i.test(key)) throw new Error(`the inbox read the whole zip ${key} into memory`);
        return target.get(key);
      };
    },
  });
}

const poolSwim = () =>
  buildActivityFit([
    {
      sport: FIT_SPORT.swimming,
      subSport: FIT_SUB_SPORT.lapSwimming,
      start: new Date('2024-03-02T06:30:00Z'),
      seconds: 120,
      metres: 100,
      poolLengthM: 25,
      lengths: [18, 19, 20, 21].map((strokes) => ({ seconds: 30, strokes })),
    },
  ]);
const triathlon = () =>
  buildActivityFit([
    {
      sport: FIT_SPORT.swimming,
      subSport: FIT_SUB_SPORT.openWater,
      start: new Date('2024-06-01T07:00:00Z'),
      seconds: 600,
      metres: 750,
      startLatLng: [47.37, 8.54],
    },
    { sport: FIT_SPORT.transition, start: new Date('2024-06-01T07:10:00Z'), seconds: 60, metres: 100 },
    {
      sport: FIT_SPORT.cycling,
      subSport: FIT_SUB_SPORT.indoorCycling,
      start: new Date('2024-06-01T07:11:00Z'),
      seconds: 1200,
      metres: 10000,
    },
  ]);

describe('device files', () => {
  it('a real Garmin Fenix 5 run: session summary, device, sensors and 21 record points', async () => {
    const parsed = await parseDeviceFile(
      'run.fit',
      await readFile(join(samples(), 'garmin-fenix-5-run.fit')),
    );
    expect(parsed.kind).toBe('activity');
    if (parsed.kind !== 'activity') return;
    expect(parsed.activities).toHaveLength(1);
    const run = parsed.activities[0]!;
    expect(run).toMatchObject({
      format: 'fit',
      sport: 'running',
      sport_type: 'Run',
      start_date: '2017-06-11T14:34:09Z',
      elapsed_time_s: 57,
      distance_m: 157.56,
      max_heartrate_bpm: 112,
      device: { manufacturer: 'garmin', product: 2697, serial_number: 3945849289 },
    });
    expect(run.sensors.map((s) => s.device_type)).toContain('heart_rate');
    expect(run.sensors.find((s) => s.device_type === 'heart_rate')).toMatchObject({
      serial_number: 3944483460,
      source_type: 'antplus',
    });
    expect(run.streams.time?.data).toHaveLength(21);
    expect(run.streams.heartrate?.data[0]).toBe(61);
  });

  it('the Garmin TCX: sport from <Activity Sport>, 200 points, 2,999 m', async () => {
    const parsed = await parseDeviceFile(
      'a.tcx',
      await readFile(sharedData('strava-api-v3/files/17611540601.tcx')),
    );
    if (parsed.kind !== 'activity') throw new Error('not an activity');
    expect(parsed.activities[0]).toMatchObject({
      format: 'tcx',
      sport: 'Running',
      sport_type: 'Run',
      start_date: '2022-12-05T00:14:28Z',
      elapsed_time_s: 978,
    });
    expect(parsed.activities[0]!.distance_m).toBeCloseTo(2998.98, 2);
    expect(parsed.activities[0]!.streams.latlng?.data).toHaveLength(200);
    // gzipped (as Strava's export keeps its files) it reads the same
    const tcx = await readFile(sharedData('strava-api-v3/files/17611540601.tcx'));
    expect(await parseDeviceFile('a.tcx.gz', gzipSync(tcx))).toEqual(parsed);
  });

  it('a pool swim keeps its lengths (strokes, stroke, seconds) and pool length', async () => {
    const parsed = await parseDeviceFile('swim.fit', poolSwim());
    if (parsed.kind !== 'activity') throw new Error('not an activity');
    const swim = parsed.activities[0]!;
    expect(swim).toMatchObject({
      sport_type: 'Swim',
      sub_sport: 'lap_swimming',
      pool_length_m: 25,
      distance_m: 100,
    });
    expect(swim.lengths.map((l) => [l.strokes, l.swim_stroke, l.elapsed_time_s, l.length_type])).toEqual([
      [18, 'freestyle', 30, 'active'],
      [19, 'freestyle', 30, 'active'],
      [20, 'freestyle', 30, 'active'],
      [21, 'freestyle', 30, 'active'],
    ]);
  });

  it('a multisport file is one activity per session, each with its own points', async () => {
    const parsed = await parseDeviceFile('tri.fit', triathlon());
    if (parsed.kind !== 'activity') throw new Error('not an activity');
    expect(
      parsed.activities.map((a) => [a.sport_type, a.session_index, a.session_count, a.start_date, a.trainer]),
    ).toEqual([
      ['Swim', 0, 3, '2024-06-01T07:00:00Z', false],
      ['Transition', 1, 3, '2024-06-01T07:10:00Z', false],
      ['Ride', 2, 3, '2024-06-01T07:11:00Z', true],
    ]);
    // records every 10 s: 0..590 s of the swim, 07:10:00..07:10:50 of the transition, 07:11:00..07:30:50 of the ride
    expect(parsed.activities.map((a) => a.streams.time?.data.length)).toEqual([60, 6, 120]);
    expect(parsed.activities[0]!.start_latlng?.[0]).toBeCloseTo(47.37, 5);
  });

  it.each([
    [FIT_FILE_TYPE.weight, 'weight'],
    [FIT_FILE_TYPE.monitoringB, 'monitoring_b'],
    [FIT_FILE_TYPE.settings, 'settings'],
  ])('a FIT file of type %i is skipped as %s, not corrupt', async (type, name) => {
    expect(await parseDeviceFile('x.fit', buildOtherFit(type))).toEqual({ kind: 'skipped', fileType: name });
  });

  it('the truncated Strava-app FIT and a route GPX are refused with one line each', async () => {
    await expect(
      parseDeviceFile('app.fit', await readFile(join(samples(), 'strava-android-app-201.10-b1218918.fit'))),
    ).rejects.toThrow(/^app\.fit: corrupt FIT \(File data exceeds input length\)$/);
    await expect(
      parseDeviceFile(
        'route.gpx',
        await readFile(sharedData('strava-api-v3/responses/client__export_route_gpx.gpx')),
      ),
    ).rejects.toThrow('route.gpx: corrupt GPX (no timed track points)');
  });

  it('maps sport words to Strava sport types', () => {
    expect(toSportType('running', 'trail')).toBe('TrailRun');
    expect(toSportType('cycling', 'virtual_activity')).toBe('VirtualRide');
    expect(toSportType('Biking')).toBe('Ride');
    expect(toSportType('cross_country_skiing')).toBe('NordicSki');
    expect(toSportType('kitesurfing')).toBe('Kitesurfing');
  });
});

describe('the inbox', () => {
  it('takes each file once by content, lands activities, streams, details and a ledger, quarantines the bad, never deletes', async () => {
    const inboxDir = join(work, 'inbox');
    await mkdir(join(inboxDir, 'lifting'), { recursive: true });
    await mkdir(join(inboxDir, 'watch'), { recursive: true });
    const run = await readFile(join(samples(), 'garmin-fenix-5-run.fit'));
    const bike = await readFile(join(samples(), 'garmin-edge-820-bike.fit'));
    await writeFile(join(inboxDir, 'watch', 'run.fit'), run);
    await writeFile(join(inboxDir, 'bike.fit.gz'), gzipSync(bike));
    await writeFile(join(inboxDir, 'zz-renamed-run.FIT'), run); // a renamed copy: not new
    await writeFile(
      join(inboxDir, 'app.fit'),
      await readFile(join(samples(), 'strava-android-app-201.10-b1218918.fit')),
    );
    await writeFile(join(inboxDir, 'weight.fit'), buildOtherFit(FIT_FILE_TYPE.weight));
    await writeFile(join(inboxDir, 'notes.txt'), 'hello');
    await writeFile(join(inboxDir, 'lifting', 'strong.csv'), 'not ours');
    await writeFile(
      join(inboxDir, 'garmin-export.zip'),
      await zip({
        'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip': await zip({
          'swim.fit': poolSwim(),
          'tri.fit': triathlon(),
        }),
        'DI_CONNECT/profile.json': Buffer.from('{}'),
      }),
    );
    const inbox = zipsStreamedOnly(new LocalObjectStore(inboxDir));
    const landing = new LocalObjectStore(join(work, 'landing'));
    const first = await takeInbox(inbox, { landing, runId: 'r1', log });
    expect(first.counts).toEqual({
      files_taken: 10, // run, bike, app, weight, notes, the outer zip, profile.json, the inner zip, swim, tri
      files_known: 1, // zz-renamed-run.FIT
      activities: 6, // run, bike, swim, the triathlon's 3 sessions
      skipped: 1,
      quarantined: 1,
      ignored: 2,
      exports: 0,
      handled: 0,
    });
    const byName = new Map(first.ledger.map((r) => [r.name, r]));
    expect(byName.get('app.fit')).toMatchObject({
      outcome: 'quarantined',
      reason: 'corrupt FIT (File data exceeds input length)',
    });
    expect(byName.get('weight.fit')).toMatchObject({
      outcome: 'skipped',
      reason: 'FIT file type weight, not an activity',
    });
    expect(
      byName.get('garmin-export.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!tri.fit')
        ?.activity_ids,
    ).toHaveLength(3);
    expect(byName.has('lifting/strong.csv')).toBe(false);
    expect(await landing.exists('quarantine/files/r1/app.fit')).toBe(true);

    const activities = await records(landing, 'strava/activities');
    expect(activities.map((a) => [a._source, a.sport_type]).sort()).toEqual([
      ['fit', 'Ride'],
      ['fit', 'Ride'],
      ['fit', 'Run'],
      ['fit', 'Swim'],
      ['fit', 'Swim'],
      ['fit', 'Transition'],
    ]);
    const runId = byName.get('watch/run.fit')!.activity_ids[0]!;
    expect(runId).toBeLessThan(0);
    expect(activities.find((a) => a.id === runId)).toMatchObject({
      start_date: '2017-06-11T14:34:09Z',
      distance: 157.56,
      external_id: 'watch/run.fit',
    });
    const streams = await records(landing, 'strava/activity_streams');
    expect(streams).toHaveLength(6);
    expect(streams.find((s) => s.activity_id === runId)).toMatchObject({ source: 'fit', synthetic: false });
    const details = await records(landing, FILES_DATASETS.activities);
    expect(details.find((d) => d.activity_id === runId)).toMatchObject({
      file_name: 'watch/run.fit',
      device: { serial_number: 3945849289 },
    });

    // the seven top-level files are known; the zip being known, its entries are not even opened
    const second = await takeInbox(inbox, { landing, runId: 'r2', log });
    expect(second.counts).toMatchObject({ files_taken: 0, files_known: 7, activities: 0 });
    expect(await readLandingManifests(landing, 'strava/activities')).toHaveLength(1); // nothing new landed
    expect((await readInboxLedger(landing)).size).toBe(10);
    expect(await readFile(join(inboxDir, 'watch', 'run.fit'))).toEqual(run); // never deleted
  });

  it('the same file gives the same negative id in every run', () => {
    const sha = 'a'.repeat(64);
    expect(fileActivityId(sha, 2)).toBe(-(0xaaaaaaaaaaa * 256 + 2));
    expect(Number.isSafeInteger(fileActivityId('f'.repeat(64), 255))).toBe(true);
  });

  it('hands the files a registered handler matches to it, once', async () => {
    const inboxDir = join(work, 'inbox-handler');
    await mkdir(inboxDir, { recursive: true });
    await writeFile(join(inboxDir, 'Heart Rate.json'), '[{"bpm": 60}]');
    const taken: string[] = [];
    const handler: InboxFileHandler = {
      name: 'heart-rate-takeout',
      matches: (name) => name.endsWith('.json'),
      async take(file) {
        taken.push(file.name);
        return { outcome: 'handled', reason: '1 sample' };
      },
    };
    const landing = new LocalObjectStore(join(work, 'landing-handler'));
    const inbox = new LocalObjectStore(inboxDir);
    const first = await takeInbox(inbox, { landing, runId: 'h1', log, handlers: [handler] });
    expect(first.ledger).toMatchObject([
      { name: 'Heart Rate.json', outcome: 'handled', reason: 'heart-rate-takeout: 1 sample' },
    ]);
    await takeInbox(inbox, { landing, runId: 'h2', log, handlers: [handler] });
    expect(taken).toEqual(['Heart Rate.json']);
  });

  it('hashes a large file that is no activity file by stream, never reading it whole, in a zip or not', async () => {
    const inboxDir = join(work, 'inbox-media');
    await mkdir(inboxDir, { recursive: true });
    const video = randomBytes(10_000);
    const clip = randomBytes(9_000);
    await writeFile(join(inboxDir, 'video.mp4'), video);
    await writeFile(join(inboxDir, 'notes.txt'), 'small enough to read');
    await writeFile(
      join(inboxDir, 'export.zip'),
      await zip({ 'media/clip.mov': clip, 'swim.fit': poolSwim() }),
    );
    // the store refuses to read a file over the cap whole: only a stream may read it
    const store = new LocalObjectStore(inboxDir);
    const inbox = new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property !== 'get') return typeof value === 'function' ? value.bind(target) : value;
        return async (key: string) => {
          const bytes = await target.get(key);
          if (bytes.length > 4096) throw new Error(`the inbox read ${key} (${bytes.length} bytes) whole`);
          return bytes;
        };
      },
    });
    const landing = new LocalObjectStore(join(work, 'landing-media'));
    const first = await takeInbox(inbox, { landing, runId: 'm1', log, maxOtherFileBytes: 4096 });
    const byName = new Map(first.ledger.map((r) => [r.name, r]));
    const hashed = 'not a FIT, GPX, TCX file or archive, over 4096 bytes: hashed, not read';
    expect(byName.get('video.mp4')).toMatchObject({ outcome: 'ignored', reason: hashed, size_bytes: 10_000 });
    expect(byName.get('video.mp4')?.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    expect(byName.get('export.zip!media/clip.mov')).toMatchObject({ outcome: 'ignored', reason: hashed });
    expect(byName.get('export.zip!media/clip.mov')?.sha256).toBe(
      createHash('sha256').update(clip).digest('hex'),
    );
    expect(byName.get('notes.txt')).toMatchObject({
      outcome: 'ignored',
      reason: 'not a FIT, GPX, TCX file or archive',
    });
    expect(byName.get('export.zip!swim.fit')).toMatchObject({ outcome: 'landed' });
    const second = await takeInbox(inbox, { landing, runId: 'm2', log, maxOtherFileBytes: 4096 });
    expect(second.counts).toMatchObject({ files_taken: 0, files_known: 3 }); // video, notes, the zip
  });
});
