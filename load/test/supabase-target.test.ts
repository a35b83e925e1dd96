import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { externalAsset, writeLandingBatch, type MissingPartitionsContext } from '@voyager/orchestration';
import {
  createLogger,
  createTestRuntime,
  runAssetOnce,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { createHeartRateLoadAssets, createStravaLoadAssets, type LoadTarget } from '@voyager/load';
import { syntheticStreamRecord } from '@voyager/load/testing';
import { allActivities, fixture } from './fixtures.js';
import { writeRawBatch } from './landing.js';
import { PostgrestStandIn } from './postgrest-stand-in.js';
import { openLoadTarget } from '../src/open-load-target.js';

const SERVICE_ROLE_KEY = 'test-service-role-key';

describe('supabase target against a PostgREST protocol stand-in (not a real Supabase)', () => {
  const standIn = new PostgrestStandIn();
  let runtime: TestRuntime;
  const assets = createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
    activityStreams: externalAsset('landing/strava/activity_streams'),
    activityDetails: externalAsset('landing/strava/activity_details'),
    athlete: externalAsset('landing/strava/athlete'),
    athleteZones: externalAsset('landing/strava/athlete_zones'),
    athleteStats: externalAsset('landing/strava/athlete_stats'),
  });
  const asset = (key: string) => assets.find((a) => a.key === key)!;

  beforeAll(async () => {
    await standIn.start();
    runtime = await createTestRuntime({
      env: {
        VOYAGER_WAREHOUSE_TARGET: 'supabase',
        SUPABASE_URL: standIn.url,
        SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await standIn.stop();
  });

  it('upserts activities in batches with on_conflict, retries 429 and 503, writes the ledger through PostgREST, skips on re-run', async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'e1',
      records: allActivities(),
      recordsPerPart: 600,
    });
    standIn.failNext = [429, 503];
    const first = await runAssetOnce(runtime, asset('raw/strava_activities'));
    expect(first.status, first.error).toBe('success');
    expect(first.metadata).toMatchObject({
      rows: 1132,
      rejected_rows: 0,
      objects_loaded: 2,
      target: 'supabase',
    });
    const activities = standIn.rows('raw', 'strava_activities');
    expect(activities).toHaveLength(1132);
    expect(activities.find((a) => a.activity_id === 16195505756)).toMatchObject({
      name: 'Should Not Have',
      distance_m: 6764.8,
      start_date_local: '2025-10-19T16:00:00',
      record: expect.objectContaining({ external_id: 'garmin_ping_492699828617' }),
    });
    const upserts = standIn.requests.filter((r) => r.method === 'POST' && r.table === 'strava_activities');
    expect(upserts.map((r) => r.rows)).toEqual([500, 100, 500, 32]); // batches of 500 per object
    // the first request was answered 429, then 503, and retried until served
    expect(standIn.requests.slice(0, 3).map((r) => `${r.method} ${r.schema}.${r.table}`)).toEqual(
      Array(3).fill('GET voyager.load_ledger'),
    );
    expect(
      upserts.every(
        (r) =>
          r.search.get('on_conflict') === 'activity_id' && r.prefer.includes('resolution=merge-duplicates'),
      ),
    ).toBe(true);
    expect(
      standIn.requests.every(
        (r) => r.apikey === SERVICE_ROLE_KEY && r.authorization === `Bearer ${SERVICE_ROLE_KEY}`,
      ),
    ).toBe(true);
    expect(standIn.rows('voyager', 'load_ledger').map((l) => l.rows_loaded)).toEqual([600, 532]);

    const again = await runAssetOnce(runtime, asset('raw/strava_activities'));
    expect(again.metadata).toMatchObject({ rows: 0, objects_loaded: 0, objects_skipped: 2 });
    expect(standIn.rows('raw', 'strava_activities')).toHaveLength(1132);
  });

  it('sends rejected rows to raw.rejected_rows and replaces stream points per activity', async () => {
    const real = allActivities();
    await writeRawBatch(runtime.landing, 'strava/activities', 'bad', [
      JSON.stringify({ ...real[0], name: 'Renamed' }),
      JSON.stringify({ ...real[1], moving_time: 'long' }),
    ]);
    const outcome = await runAssetOnce(runtime, asset('raw/strava_activities'));
    expect(outcome.metadata).toMatchObject({ rows: 1, rejected_rows: 1 });
    expect(standIn.rows('raw', 'rejected_rows')).toEqual([
      expect.objectContaining({
        target_table: 'strava_activities',
        line: 2,
        reason: 'moving_time_s: expected a 32-bit integer, got string "long"',
      }),
    ]);
    expect(standIn.rows('raw', 'strava_activities').find((a) => a.activity_id === real[0]!.id)!.name).toBe(
      'Renamed',
    );

    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 's1',
      records: [syntheticStreamRecord(7, 1200)],
    });
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 's2',
      records: [syntheticStreamRecord(7, 800)],
    });
    const streams = await runAssetOnce(runtime, asset('raw/strava_activity_streams'));
    expect(streams.metadata).toMatchObject({ rows: 2000, objects_loaded: 2 });
    const points = standIn.rows('raw', 'strava_activity_streams');
    expect(points).toHaveLength(800);
    expect(points.at(-1)).toMatchObject({
      activity_id: 7,
      point_index: 799,
      synthetic: true,
      stream_source: 'simulator',
    });
  });

  it("replaces an activity's laps: deletes by activity_id, then upserts on lap_id", async () => {
    const ride = fixture<Record<string, unknown>>('client__activity.json');
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_details',
      runId: 'd1',
      records: [ride],
    });
    const outcome = await runAssetOnce(runtime, asset('raw/strava_laps'));
    expect(outcome.metadata).toMatchObject({ rows: 1, rejected_rows: 0, target: 'supabase' });
    const deletes = standIn.requests.filter((r) => r.method === 'DELETE' && r.table === 'strava_laps');
    expect(deletes.map((r) => r.search.get('activity_id'))).toEqual(['in.(1946417534)']);
    const upsert = standIn.requests.find((r) => r.method === 'POST' && r.table === 'strava_laps')!;
    expect(upsert.search.get('on_conflict')).toBe('lap_id');
    expect(standIn.rows('raw', 'strava_laps')).toEqual([
      expect.objectContaining({
        lap_id: 6270116916,
        activity_id: 1946417534,
        distance_m: 42882.9,
        start_date_local: '2018-11-04T09:53:46',
      }),
    ]);
  });

  it('a response lost after its commit doubles nothing: stream points, rejected rows, quarantined rows', async () => {
    const real = allActivities();
    const run = async (key: string) => {
      const outcome = await runAssetOnce(runtime, asset(key));
      expect(outcome.error).toBeUndefined();
      return outcome.metadata;
    };
    const lostInsertInto = (table: string) => (r: { method: string; table: string }) =>
      r.method === 'POST' && r.table === table;

    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 'lost-1',
      records: [syntheticStreamRecord(8, 1200)],
    });
    standIn.dropResponseAfterCommit = lostInsertInto('strava_activity_streams');
    expect(await run('raw/strava_activity_streams')).toMatchObject({ rows: 1200, objects_loaded: 1 });
    expect(standIn.dropResponseAfterCommit).toBeUndefined(); // the response was dropped
    expect(standIn.rows('raw', 'strava_activity_streams').filter((p) => p.activity_id === 8)).toHaveLength(
      1200,
    );

    const bad = await writeRawBatch(runtime.landing, 'strava/activities', 'lost-2', [
      ...real.slice(10, 30).map((r) => JSON.stringify(r)),
      JSON.stringify({ ...real[30], moving_time: 'long' }),
    ]);
    standIn.dropResponseAfterCommit = lostInsertInto('rejected_rows');
    expect(await run('raw/strava_activities')).toMatchObject({ rows: 20, rejected_rows: 1 });
    expect(standIn.dropResponseAfterCommit).toBeUndefined();
    expect(standIn.rows('raw', 'rejected_rows').filter((r) => r.source_object === bad)).toHaveLength(1);

    const quarantined = (dataset: string, reason: string, record: unknown) => ({
      dataset,
      reason,
      record,
      run_id: 'extract-9',
      detected_at: '2025-10-20T08:00:00.000Z',
    });
    const quarantine = await writeRawBatch(runtime.landing, 'strava/quarantine', 'lost-3', [
      JSON.stringify(
        quarantined('strava/activities', 'distance: expected number', { id: 1, distance: 'far' }),
      ),
      JSON.stringify(quarantined('strava/athlete_zones', 'heart_rate: expected object', { heart_rate: [] })),
    ]);
    standIn.dropResponseAfterCommit = lostInsertInto('rejected_rows');
    expect(await run('raw/rejected_rows')).toMatchObject({ rows: 2, rejected_rows: 0, new_fields: [] });
    expect(standIn.dropResponseAfterCommit).toBeUndefined();
    expect(
      standIn
        .rows('raw', 'rejected_rows')
        .filter((r) => r.source_object === quarantine)
        .map((r) => [r.target_table, r.line, r.reason, r.payload]),
    ).toEqual([
      ['strava_activities', 1, 'distance: expected number', '{"id":1,"distance":"far"}'],
      ['strava_athlete_zones', 2, 'heart_rate: expected object', '{"heart_rate":[]}'],
    ]);
  });

  it('reads the ledger once per table and downloads each object once', async () => {
    const real = allActivities();
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'once-1',
      records: real.slice(40, 70),
      recordsPerPart: 10,
    });
    const opened = vi.spyOn(runtime.landing, 'getStream');
    standIn.requests.length = 0;
    try {
      const outcome = await runAssetOnce(runtime, asset('raw/strava_activities'));
      expect(outcome.metadata).toMatchObject({ rows: 30, objects_loaded: 3, objects_skipped: 4 });
      const ledgerReads = standIn.requests.filter(
        (r) => r.method === 'GET' && r.table === 'load_ledger' && r.search.has('target_table'),
      );
      expect(ledgerReads).toHaveLength(1);
      expect(opened).toHaveBeenCalledTimes(3);
    } finally {
      opened.mockRestore();
    }
  });

  it('deletions set deleted_at through PATCH, a re-listing clears it; athlete stats upserted', async () => {
    const real = allActivities();
    const [a, b] = [real[40]!, real[41]!];
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_deletions',
      runId: 'del-1',
      records: [{ activity_id: a.id, detected_at: '2025-10-21T06:00:00.000Z' }],
    });
    expect((await runAssetOnce(runtime, asset('raw/strava_activity_deletions'))).metadata).toMatchObject({
      rows: 1,
    });
    const byId = (id: unknown) => standIn.rows('raw', 'strava_activities').find((r) => r.activity_id === id)!;
    expect(byId(a.id).deleted_at).toBe('2025-10-21T06:00:00.000Z');
    expect(byId(b.id).deleted_at).toBeNull();
    await writeLandingBatch(runtime.landing, { dataset: 'strava/activities', runId: 'relist', records: [a] });
    await runAssetOnce(runtime, asset('raw/strava_activities'));
    expect(byId(a.id).deleted_at).toBeNull();

    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/athlete_stats',
      runId: 'stats-1',
      records: [{ athlete_id: 26462176, ...fixture<Record<string, unknown>>('client__athlete_stats.json') }],
    });
    expect((await runAssetOnce(runtime, asset('raw/strava_athlete_stats'))).metadata).toMatchObject({
      rows: 1,
      new_fields: [],
    });
    expect(standIn.rows('raw', 'strava_athlete_stats')).toEqual([
      expect.objectContaining({
        athlete_id: 26462176,
        all_run_count: 905,
        all_run_distance_m: 9392637.799999984,
      }),
    ]);
  });

  it('records heart-rate hour markers that the catch-up hook reads back: a newer batch re-opens the hour, its marker replaces the old one', async () => {
    const [samples] = createHeartRateLoadAssets({});
    const hour = '2025-01-15T11';
    const land = (runId: string, source: string) =>
      writeLandingBatch(runtime.landing, {
        dataset: `heart_rate/samples/hour=${hour}`,
        runId,
        ingestDate: '2025-01-15',
        records: [
          {
            series_id: `${source}|fitbit|${hour}`,
            source,
            device: 'fitbit',
            hour_started_at: `${hour}:00:00.000Z`,
            offsets_ms: [0, 5000, 10000],
            bpm: [60, 61, 62],
          },
        ],
      });
    // the hook reads markers as it does in a run: through the target VOYAGER_WAREHOUSE_TARGET names
    const hook = () =>
      samples!.missingPartitions!({
        assetKey: samples!.key,
        log: createLogger({ level: 'silent', pretty: false }),
        landing: runtime.landing,
        warehouse: runtime.warehouse,
        state: { get: () => Promise.resolve(undefined) } as MissingPartitionsContext['state'],
        projectDir: process.cwd(),
        env: runtime.env,
        now: new Date('2025-01-16T00:00:00Z'),
        signal: new AbortController().signal,
      });
    const load = async (runId: string) => {
      const outcome = await runAssetOnce(runtime, samples!, { partitionKey: `${hour}:00`, runId });
      expect(outcome.status, outcome.error).toBe('success');
    };
    const markers = () =>
      standIn.rows('voyager', 'load_ledger').filter((r) => String(r.object_key).endsWith('/loaded_batches'));

    await land('hr-1', 'fitbit_takeout');
    expect(await hook()).toEqual([`${hour}:00`]);
    await load('hr-load-1');
    expect(await hook()).toEqual([]);
    const first = markers();
    expect(first).toEqual([
      expect.objectContaining({
        target_table: 'heart_rate_samples',
        object_key: `heart_rate/samples/hour=${hour}/loaded_batches`,
        rows_loaded: 0,
        rows_rejected: 0,
        run_id: 'hr-load-1',
      }),
    ]);

    await land('hr-2', 'fitabase');
    expect(await hook()).toEqual([`${hour}:00`]);
    await load('hr-load-2');
    expect(await hook()).toEqual([]);
    const second = markers();
    expect(second.map((r) => [r.object_key, r.run_id])).toEqual([[first[0]!.object_key, 'hr-load-2']]);
    expect(second[0]!.sha256).not.toBe(first[0]!.sha256);
    expect(standIn.rows('raw', 'heart_rate_samples')).toHaveLength(6);
  });

  it('recordMarker: a second marker for the same key replaces the first, as on the postgres target', async () => {
    const supabase = openLoadTarget(runtime);
    const postgres = openLoadTarget({
      warehouse: runtime.warehouse,
      env: { ...runtime.env, VOYAGER_WAREHOUSE_TARGET: 'postgres' },
    });
    const markersOf = async (target: LoadTarget) => {
      await target.prepare();
      await target.recordMarker('marker_test', { key: 'a/marker', sha256: 'first' }, 'm-1');
      await target.recordMarker('marker_test', { key: 'a/marker', sha256: 'second' }, 'm-2');
      await target.recordMarker('marker_test', { key: 'b/marker', sha256: 'other' }, 'm-2');
      return [...(await target.loadedObjects('marker_test'))].sort();
    };
    const expected = [
      ['a/marker', 'second'],
      ['b/marker', 'other'],
    ];
    expect(await markersOf(postgres)).toEqual(expected);
    expect(await markersOf(supabase)).toEqual(expected);
    const columns = (r: Record<string, unknown>) => [
      r.object_key,
      r.sha256,
      Number(r.rows_loaded),
      Number(r.rows_rejected),
      r.run_id,
    ];
    const { rows: postgresRows } = await runtime.warehouse.query(
      `select * from voyager.load_ledger where target_table = 'marker_test' order by object_key`,
    );
    const supabaseRows = standIn
      .rows('voyager', 'load_ledger')
      .filter((r) => r.target_table === 'marker_test')
      .sort((a, b) => String(a.object_key).localeCompare(String(b.object_key)));
    expect(supabaseRows.map(columns)).toEqual(postgresRows.map(columns));
    expect(supabaseRows.map(columns)).toEqual([
      ['a/marker', 'second', 0, 0, 'm-2'],
      ['b/marker', 'other', 0, 0, 'm-2'],
    ]);
  });
});
