import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { allActivities } from './fixtures.js';
import { writeRawBatch } from './landing.js';

// Issue 12 point 10: the ratio was computed per run, so 2 bad rows in a run of 8 blocked the marts.
describe('rejected_rows_ratio over a rolling window (real Postgres)', () => {
  let runtime: TestRuntime;
  const [activitiesAsset] = createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
  });
  const activities = allActivities();

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('2 bad rows in a run of 8 pass when the table holds 1,000 good ones; a mostly bad table fails', async () => {
    await writeRawBatch(
      runtime.landing,
      'strava/activities',
      'history',
      activities.slice(0, 1000).map((a) => JSON.stringify(a)),
    );
    expect((await runAssetOnce(runtime, activitiesAsset!)).status).toBe('success');

    const small = [...activities.slice(1000, 1006).map((a) => JSON.stringify(a)), 'not json', '{"id": "x"'];
    await writeRawBatch(runtime.landing, 'strava/activities', 'small', small);
    const run = await runAssetOnce(runtime, activitiesAsset!);
    expect(run.metadata).toMatchObject({
      rows: 6,
      rejected_rows: 2,
      window_rows: 1006,
      window_rejected_rows: 2,
    });
    expect(run.checks).toEqual([
      expect.objectContaining({
        name: 'rejected_rows_ratio',
        status: 'success',
        metadata: expect.objectContaining({ base: 'rolling window', rows_seen: 1008 }),
      }),
    ]);
    expect(run.status).toBe('success');

    const bad = Array.from({ length: 300 }, (_, i) => `not json ${i}`);
    await writeRawBatch(runtime.landing, 'strava/activities', 'bad', bad);
    const blocked = await runAssetOnce(runtime, activitiesAsset!);
    expect(blocked.checks[0]).toMatchObject({ name: 'rejected_rows_ratio', status: 'failed' });
  });
});
