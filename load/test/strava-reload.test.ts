import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset, writeLandingBatch } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { syntheticStreamRecord } from '@voyager/load/testing';
import { allActivities } from './fixtures.js';

// Issue 12 point 4: an incremental extract re-lands the overlap window unchanged, and the streams
// of an edited activity are replaced as a whole. Neither may rewrite rows that did not change or
// leave the streams table growing with every replacement.
describe('re-loading unchanged Strava data on real Postgres', () => {
  let runtime: TestRuntime;
  const assets = createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
    activityStreams: externalAsset('landing/strava/activity_streams'),
    athleteZones: externalAsset('landing/strava/athlete_zones'),
  });
  const byKey = (key: string) => assets.find((a) => a.key === key)!;
  const query = async (sql: string) => (await runtime.warehouse.query(sql)).rows as Record<string, unknown>[];

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('an overlap batch of identical summaries rewrites no row; an edited one is updated', async () => {
    const activities = allActivities().slice(0, 60);
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'full',
      records: activities,
    });
    expect((await runAssetOnce(runtime, byKey('raw/strava_activities'))).status).toBe('success');
    const versions = async () =>
      new Map(
        (await query('select activity_id::text as id, xmin::text as v from raw.strava_activities')).map(
          (r) => [r.id, r.v],
        ),
      );
    const before = await versions();

    const overlap = activities.slice(0, 10).map((a, i) => (i === 3 ? { ...a, name: 'Renamed upstream' } : a));
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'incremental',
      records: overlap,
    });
    const second = await runAssetOnce(runtime, byKey('raw/strava_activities'));
    expect(second.metadata).toMatchObject({ objects_loaded: 1, objects_skipped: 1 });
    const after = await versions();
    const rewritten = [...after].filter(([id, v]) => before.get(id) !== v).map(([id]) => Number(id));
    expect(rewritten).toEqual([Number(overlap[3]!.id)]);
    expect(
      await query(`select name from raw.strava_activities where activity_id = ${String(overlap[3]!.id)}`),
    ).toEqual([{ name: 'Renamed upstream' }]);
  });

  it("re-landing an athlete's unchanged zones rewrites no row; a changed zone set is replaced", async () => {
    const zones = (top: number) => ({
      athlete_id: 26462176,
      heart_rate: {
        custom_zones: false,
        zones: [
          { min: 0, max: 123 },
          { min: 123, max: 153 },
          { min: 153, max: top },
          { min: top, max: -1 },
        ],
      },
    });
    const land = async (run: string, top: number) => {
      await writeLandingBatch(runtime.landing, {
        dataset: 'strava/athlete_zones',
        runId: run,
        records: [zones(top)],
      });
      expect((await runAssetOnce(runtime, byKey('raw/strava_athlete_zones'))).status).toBe('success');
    };
    const versions = async () =>
      (
        await query(
          `select zone_index, max_value, xmin::text as v from raw.strava_athlete_zones order by zone_index`,
        )
      ).map((r) => `${String(r.zone_index)}:${String(r.max_value)}@${String(r.v)}`);
    await land('zones-0', 169);
    const first = await versions();
    await land('zones-1', 169); // every run fetches the zones again; nothing changed
    expect(await versions()).toEqual(first);
    await land('zones-2', 170); // zone 3 and 4 changed: the set is replaced
    const changed = await versions();
    expect(changed.map((v) => v.split('@')[0])).toEqual(['1:123', '2:153', '3:170', '4:-1']);
    expect(changed.filter((v, i) => v !== first[i]).length).toBeGreaterThanOrEqual(2);
  });

  it("replacing an activity's stream points again and again keeps the table at its size", async () => {
    const size = async () =>
      Number((await query(`select pg_relation_size('raw.strava_activity_streams') as n`))[0]!.n);
    const land = async (run: string) => {
      await writeLandingBatch(runtime.landing, {
        dataset: 'strava/activity_streams',
        runId: run,
        records: [syntheticStreamRecord(7, 3_000)],
      });
      expect((await runAssetOnce(runtime, byKey('raw/strava_activity_streams'))).status).toBe('success');
    };
    await land('streams-0');
    await land('streams-1');
    const once = await size();
    for (let i = 2; i < 8; i++) await land(`streams-${i}`);
    expect(await query('select count(*)::int as n from raw.strava_activity_streams')).toEqual([{ n: 3_000 }]);
    // without reclaiming the replaced points the table grows by one copy per load (8x here)
    expect(await size()).toBeLessThanOrEqual(once * 1.5);
  });
});
