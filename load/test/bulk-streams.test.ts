import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { migrationUrl } from '../src/migrate.js';
import { syntheticStreamRecord } from '@voyager/load/testing';
import { stravaLoadAsset, writeRawBatch } from './landing.js';

describe('stream points (bulk binary COPY) on real Postgres', () => {
  let runtime: TestRuntime;
  const asset = stravaLoadAsset('raw/strava_activity_streams');
  const query = async (sql: string, values: unknown[] = []) =>
    (await runtime.warehouse.query(sql, values)).rows;

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('rejects a bad point, a line without activity_id and a repeated activity; loads the rest with exact values', async () => {
    const bad = syntheticStreamRecord(2, 50) as {
      streams: { heartrate: { data: unknown[] }; watts?: unknown };
    };
    bad.streams.heartrate.data[5] = 'high';
    const unknownStream = {
      ...syntheticStreamRecord(3, 10),
      streams: { ...(syntheticStreamRecord(3, 10).streams as object), smo2: { data: Array(10).fill(55.5) } },
    };
    const { activity_id: _id, ...noId } = syntheticStreamRecord(4, 10);
    const key = await writeRawBatch(runtime.landing, 'strava/activity_streams', 'mixed', [
      JSON.stringify(syntheticStreamRecord(1, 100)),
      JSON.stringify(bad),
      JSON.stringify(noId),
      JSON.stringify(syntheticStreamRecord(1, 30)),
      JSON.stringify(unknownStream),
    ]);
    const outcome = await runAssetOnce(runtime, asset);
    expect(outcome.metadata).toMatchObject({
      rows: 100 + 49 + 10,
      rejected_rows: 3,
      new_fields: ['streams.smo2'],
    });
    const rejected = await query(
      'select line::int, reason, length(payload) > 0 as has_payload from raw.rejected_rows where source_object = $1 order by line',
      [key],
    );
    expect(rejected).toEqual([
      { line: 2, reason: 'heartrate_bpm: expected a number, got string "high"', has_payload: true },
      { line: 3, reason: 'activity_id: required field "activity_id" is missing', has_payload: true },
      { line: 4, reason: 'activity_id 1 already loaded from line 1 of this object', has_payload: true },
    ]);
    const counts = await query(
      'select activity_id::int, count(*)::int as n from raw.strava_activity_streams group by 1 order by 1',
    );
    expect(counts).toEqual([
      { activity_id: 1, n: 100 },
      { activity_id: 2, n: 49 },
      { activity_id: 3, n: 10 },
    ]);
    const source = syntheticStreamRecord(1, 100) as { streams: Record<string, { data: unknown[] }> };
    const [p] = await query(
      `select time_s, lat, lng, distance_m, altitude_m, velocity_smooth_m_per_s, heartrate_bpm, moving, synthetic, stream_source, extra, _source_object
         from raw.strava_activity_streams where activity_id = 1 and point_index = 42`,
    );
    const [lat, lng] = source.streams.latlng!.data[42] as [number, number];
    expect(p).toEqual({
      time_s: 42,
      lat,
      lng,
      distance_m: source.streams.distance!.data[42],
      altitude_m: source.streams.altitude!.data[42],
      velocity_smooth_m_per_s: source.streams.velocity_smooth!.data[42],
      heartrate_bpm: source.streams.heartrate!.data[42],
      moving: true,
      synthetic: true,
      stream_source: 'simulator',
      extra: null,
      _source_object: key,
    });
    expect(
      (
        await query('select extra from raw.strava_activity_streams where activity_id = 3 and point_index = 0')
      )[0],
    ).toEqual({ extra: { smo2: 55.5 } });
  });

  it("a later batch replaces an activity's points as a whole (shorter stream: no stale tail)", async () => {
    await writeRawBatch(runtime.landing, 'strava/activity_streams', 'later', [
      JSON.stringify(syntheticStreamRecord(1, 60)),
    ]);
    const outcome = await runAssetOnce(runtime, asset);
    expect(outcome.metadata).toMatchObject({ rows: 60, objects_loaded: 1, objects_skipped: 1 });
    expect(
      await query(
        'select count(*)::int as n, max(point_index) as last from raw.strava_activity_streams where activity_id = 1',
      ),
    ).toEqual([{ n: 60, last: 59 }]);
    expect((await query('select count(*)::int as n from raw.strava_activity_streams'))[0].n).toBe(
      60 + 49 + 10,
    );
  });

  it('migrationUrl carries VOYAGER_DATABASE_SSL to the migration connection', () => {
    const url = 'postgres://u:p@db.example.com:5432/postgres';
    expect(migrationUrl(url, undefined)).toBe(url);
    expect(new URL(migrationUrl(url, 'require')).searchParams.get('sslmode')).toBe('no-verify');
    expect(new URL(migrationUrl(url, 'verify-full')).searchParams.get('sslmode')).toBe('verify-full');
    expect(migrationUrl(`${url}?sslmode=disable`, 'require')).toBe(`${url}?sslmode=disable`);
  });
});
