import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset, type LandingManifest } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { allActivities } from './fixtures.js';
import { writeRawBatch } from './landing.js';

describe('ledger, schema drift and rejected rows on real Postgres', () => {
  let runtime: TestRuntime;
  const [activities] = createStravaLoadAssets({ activities: externalAsset('landing/strava/activities') });
  const real = allActivities();
  const query = async (sql: string, values: unknown[] = []) =>
    (await runtime.warehouse.query(sql, values)).rows;

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('keeps new fields in jsonb and names them; quarantines bad rows with line and reason; fails the check above 10 %', async () => {
    const records = real.slice(0, 20).map((r) => ({ ...r }));
    records[0] = { ...records[0], weather_summary: { temp_c: 21 } };
    records[1] = { ...records[1], distance: 'far' };
    const { id: _dropped, ...withoutId } = records[2]!;
    const lines = [...records.slice(0, 2), withoutId, ...records.slice(3)].map((r) => JSON.stringify(r));
    lines.splice(5, 0, '{"id": 1, "name": broken');
    const key = await writeRawBatch(runtime.landing, 'strava/activities', 'bad-1', lines);

    const outcome = await runAssetOnce(runtime, activities!);
    expect(outcome.metadata).toMatchObject({ rows: 18, rejected_rows: 3, new_fields: ['weather_summary'] });
    expect(outcome.checks[0]).toMatchObject({ name: 'rejected_rows_ratio', status: 'failed' });
    expect(outcome.status).toBe('failed');

    const rejected = await query(
      'select line::int, reason, payload from raw.rejected_rows where source_object = $1 order by line',
      [key],
    );
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'distance_m: expected a number, got string "far"'],
      [3, 'activity_id: required field "id" is missing'],
      [6, expect.stringMatching(/^not JSON: /)],
    ]);
    expect(rejected[2].payload).toBe('{"id": 1, "name": broken');
    const [drift] = await query(
      `select record->'weather_summary' as w from raw.strava_activities where activity_id = $1`,
      [real[0]!.id],
    );
    expect(drift).toEqual({ w: { temp_c: 21 } });
  });

  it('warns between 1 % and 10 % and still succeeds', async () => {
    const lines = real.slice(100, 160).map((r) => JSON.stringify(r));
    lines.push(JSON.stringify({ ...real[160], start_date: 'yesterday' }));
    await writeRawBatch(runtime.landing, 'strava/activities', 'warn-1', lines);
    const outcome = await runAssetOnce(runtime, activities!);
    expect(outcome.metadata).toMatchObject({
      rows: 60,
      rejected_rows: 1,
      objects_loaded: 1,
      objects_skipped: 1,
    });
    expect(outcome.checks[0]).toMatchObject({ status: 'warn' });
    expect(outcome.status).toBe('success');
  });

  it('re-loads a changed object (new sha256): its rows replaced, its rejected rows replaced, others untouched', async () => {
    const before = (await query('select count(*)::int as n from raw.strava_activities'))[0].n;
    expect(before).toBe(78);
    const manifestKey = 'strava/activities/ingest_date=2025-10-20/run=bad-1/_manifest.json';
    const manifest = JSON.parse((await runtime.landing.get(manifestKey)).toString()) as LandingManifest;
    const object = manifest.objects[0]!;
    // the corrected object: 10 good records, renamed activity, no bad lines
    const fixed = real.slice(0, 10).map((r, i) => JSON.stringify(i === 0 ? { ...r, name: 'Renamed' } : r));
    const body = gzipSync(fixed.join('\n') + '\n');
    await runtime.landing.put(object.key, body);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await runtime.landing.put(
      manifestKey,
      JSON.stringify({ ...manifest, objects: [{ ...object, sha256, bytes: body.length, records: 10 }] }),
    );

    const outcome = await runAssetOnce(runtime, activities!);
    expect(outcome.metadata).toMatchObject({
      rows: 10,
      rejected_rows: 0,
      objects_loaded: 1,
      objects_skipped: 1,
    });
    expect((await query('select count(*)::int as n from raw.strava_activities'))[0].n).toBe(60 + 10);
    expect(
      (await query('select name from raw.strava_activities where activity_id = $1', [real[0]!.id]))[0].name,
    ).toBe('Renamed');
    expect(
      (
        await query('select count(*)::int as n from raw.rejected_rows where source_object = $1', [object.key])
      )[0].n,
    ).toBe(0);
    expect(await query('select sha256 from voyager.load_ledger where object_key = $1', [object.key])).toEqual(
      [{ sha256 }],
    );
  });

  it('refuses an object whose bytes do not match its manifest, leaving the table as it was (not retryable)', async () => {
    const key = await writeRawBatch(
      runtime.landing,
      'strava/activities',
      'tampered-1',
      real.slice(200, 210).map((r) => JSON.stringify(r)),
    );
    await runtime.landing.put(key, gzipSync(JSON.stringify(real[300]) + '\n'));
    const outcome = await runAssetOnce(runtime, activities!);
    expect(outcome.status).toBe('failed');
    expect(outcome.nonRetryable).toBe(true);
    expect(outcome.error).toMatch(/sha256 .* does not match the manifest/);
    expect((await query('select count(*)::int as n from raw.strava_activities'))[0].n).toBe(70);
    expect(await query('select 1 from voyager.load_ledger where object_key = $1', [key])).toEqual([]);
  });
});
