import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
import { stravaActivityStreams } from '../src/strava/activity-streams-asset.js';
import { stravaExportImporter } from '@voyager/extract';
import { startStravaSimulator } from '@voyager/extract/simulator';
import {
  parseActivitiesCsv,
  parseActivityFile,
  parseExportDate,
  uniqueColumns,
} from '@voyager/extract/testing';
import { writeLegacyExportZip } from './support/legacy-export.js';
import { landedBatches, withSimulator } from './support/strava-harness.js';

let runtime: TestRuntime;
let work: string;
let counter = 0;

beforeAll(async () => {
  runtime = await createTestRuntime();
  work = join(tmpdir(), `voyager-export-${process.pid}`);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await runtime?.close();
});

function importPath(path: string) {
  return runImporterOnce(runtime, stravaExportImporter, path, { runId: `import-${++counter}` });
}

/** An unpacked export folder: the given vintage's activities.csv, with three rows pointed at the FIT/TCX samples. */
async function exportFolder(csv: string): Promise<string> {
  const dir = join(work, csv.replace('.csv', ''));
  await mkdir(join(dir, 'activities'), { recursive: true });
  const text = await readFile(sharedData(`strava-bulk-export/${csv}`), 'utf8');
  await writeFile(
    join(dir, 'activities.csv'),
    text
      .replace('activities/203707851.gpx', 'activities/203707851.fit.gz')
      .replace('activities/205355106.gpx', 'activities/205355106.tcx'),
  );
  await writeFile(
    join(dir, 'activities', '203707851.fit.gz'),
    gzipSync(await readFile(sharedData('strava-bulk-export/activity-file-samples/garmin-edge-820-bike.fit'))),
  );
  await cp(sharedData('strava-api-v3/files/17611540601.tcx'), join(dir, 'activities', '205355106.tcx'));
  return dir;
}

describe('activities.csv traps', () => {
  it('disambiguates duplicate headers and parses the export date formats as UTC', () => {
    expect(
      uniqueColumns(['Elapsed Time', 'Distance', 'Elapsed Time', 'Distance', 'Commute', 'Commute']),
    ).toEqual(['Elapsed Time', 'Distance', 'Elapsed Time (2)', 'Distance (m)', 'Commute', 'Commute (2)']);
    expect(parseExportDate('Oct 5, 2014, 4:15:21 PM')).toBe('2014-10-05T16:15:21Z');
    expect(parseExportDate('Jan 1, 2024, 12:05:00\u202fAM')).toBe('2024-01-01T00:05:00Z');
    expect(parseExportDate('2013-06-11T14:34:09Z')).toBe('2013-06-11T14:34:09Z');
    expect(parseExportDate('2014-09-12 16:54:28')).toBe('2014-09-12T16:54:28Z'); // 2018 ten-column export
    expect(parseExportDate('2014-09-12 16:54:28 trailing')).toBeUndefined();
    expect(parseExportDate('yesterday')).toBeUndefined();
  });

  it('reads the three real vintages with their column counts', async () => {
    const counts = [];
    for (const f of ['activities_2023-10-25.csv', 'activities_2024-12-17.csv', 'activities_2025-08-25.csv']) {
      const csv = parseActivitiesCsv(await readFile(sharedData(`strava-bulk-export/${f}`), 'utf8'));
      counts.push([csv.vintage, csv.rows.length]);
      expect(csv.rows[0]).toMatchObject({
        'Activity ID': '203707851',
        Distance: '13.61',
        'Activity Date': 'Oct 5, 2014, 4:15:21 PM',
      });
    }
    expect(counts).toEqual([
      ['87-columns', 1122],
      ['94-columns', 1587],
      ['99-columns', 1845],
    ]);
  });
});

describe('activity files', () => {
  it('a TCX without <Time> gives no time stream (not NaN) and distance-based series, like a GPX without <time>', async () => {
    const point = (lat: number, lng: number) =>
      `<Trackpoint><Position><LatitudeDegrees>${lat}</LatitudeDegrees><LongitudeDegrees>${lng}</LongitudeDegrees></Position><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>`;
    const tcx = `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Lap><Track>${point(52.0, 4.0)}${point(52.001, 4.0)}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
    const gpx = `<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="52.0" lon="4.0"/><trkpt lat="52.001" lon="4.0"/></trkseg></trk></gpx>`;
    const fromTcx = await parseActivityFile('a.tcx', Buffer.from(tcx));
    const fromGpx = await parseActivityFile('a.gpx', Buffer.from(gpx));
    expect(fromTcx.streams.time).toBeUndefined();
    expect(fromTcx.streams.distance).toMatchObject({ series_type: 'distance', data: [0, 111.2] });
    expect(fromTcx.streams.heartrate?.data).toEqual([120, 120]);
    expect(fromGpx.streams.time).toBeUndefined();
    expect(fromGpx.streams.distance?.data).toEqual(fromTcx.streams.distance?.data);
  });
});

describe('voyager import strava-export', () => {
  it('imports the oldest export, then a newer one adds only what is new, and re-importing adds nothing', async () => {
    const first = await importPath(await exportFolder('activities_2023-10-25.csv'));
    expect(first.metadata).toMatchObject({
      read: 1122,
      new: 1122,
      updated: 0,
      filesParsed: 2,
      filesMissing: 1120,
      filesBad: 0,
    });
    const [batch] = await landedBatches(runtime, 'strava/activities');
    const ride = batch!.records.find((r) => r.id === 203707851)!;
    // the second Distance column is metres; Elapsed Time (2) seconds; the date UTC
    expect(ride).toMatchObject({
      start_date: '2014-10-05T16:15:21Z',
      sport_type: 'Ride',
      elapsed_time: 2833,
      _source: 'bulk_export',
    });
    expect(ride.distance).toBeCloseTo(13610, -1);
    const [streams] = await landedBatches(runtime, 'strava/activity_streams');
    expect(streams!.records.map((s) => [s.activity_id, s.source, s.synthetic])).toEqual([
      [203707851, 'fit', false],
      [205355106, 'tcx', false],
    ]);
    const fit = streams!.records[0]!.streams as Record<string, { data: unknown[] }>;
    expect(fit.time!.data).toHaveLength(15);
    expect(fit.heartrate!.data[0]).toBe(101);

    const second = await importPath(await exportFolder('activities_2025-08-25.csv'));
    expect(second.metadata).toMatchObject({ read: 1845, new: 1845 - 1122, filesParsed: 0 });
    const again = await importPath(await exportFolder('activities_2025-08-25.csv'));
    expect(again.metadata).toMatchObject({ new: 0, updated: 0, rowsLanded: 0, filesParsed: 0 });
    const all = (await landedBatches(runtime, 'strava/activities')).flatMap((b) => b.records);
    expect(new Set(all.map((r) => r.id)).size).toBe(1845);
    const rows = (await landedBatches(runtime, 'strava/export_activities')).flatMap((b) => b.records);
    expect(rows[0]).toMatchObject({
      'Distance (m)': expect.any(String),
      _export_vintage: '87-columns',
      _export_file: 'activities.csv',
    });
  });

  it('reads a zipped legacy export: snake_case columns, multi-line emoji text, FIT.gz/TCX/GPX, a missing and a corrupt file', async () => {
    await runtime.landing.deletePrefix('strava/');
    await mkdir(work, { recursive: true });
    const summary = await importPath(await writeLegacyExportZip(work));
    expect(summary.metadata).toMatchObject({
      vintage: 'legacy-10',
      read: 6,
      new: 5,
      quarantined: 1,
      filesParsed: 3,
      filesMissing: 1,
      filesBad: 1,
    });
    expect(summary.lines).toContain('files parsed: 3');
    expect((summary.metadata.bad_files as string[])[0]).toMatch(/activities\/1004\.fit: corrupt FIT/);
    const activities = (await landedBatches(runtime, 'strava/activities')).flatMap((b) => b.records);
    expect(activities.find((a) => a.id === 1001)).toMatchObject({
      distance: 157.6,
      elapsed_time: 57,
      description: 'Easy loop, "quoted", with a comma\nand a second line 🏃',
    });
    const streams = (await landedBatches(runtime, 'strava/activity_streams')).flatMap((b) => b.records);
    const gpx = streams.find((s) => s.activity_id === 1003)!;
    expect(gpx.source).toBe('gpx');
    const set = gpx.streams as Record<string, { data: number[] }>;
    expect(set.time).toBeUndefined(); // a route has no times
    expect(set.distance!.data.at(-1)).toBeGreaterThan(1000);

    // the streams asset spends no request on the three activities whose files were parsed
    const simulator = await startStravaSimulator();
    try {
      const outcome = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityStreams);
      expect(outcome.metadata).toMatchObject({ rows: 0, requests: 2, notFound: 2 }); // 1004 (corrupt file), 1005 (missing): not in the simulator
    } finally {
      await simulator.stop();
    }
  });
});
