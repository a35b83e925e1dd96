import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalAsset } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { allActivities } from './fixtures.js';
import { writeRawBatch } from './landing.js';

// Issue 12 point 8: a corrupt gzip landing object used to kill the process with an unhandled
// 'error' from pg-copy-streams ("incorrect data check"), on every re-run.
describe('a corrupt gzip landing object (real Postgres)', () => {
  let runtime: TestRuntime;
  const [activitiesAsset] = createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
  });
  const lines = allActivities()
    .slice(0, 400)
    .map((a) => JSON.stringify(a));

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('fails only that object, naming its key, quarantines it and loads the others; re-runs skip it', async () => {
    // flip bytes inside the deflate data: gunzip fails with "incorrect data check" (or a bad block)
    const corruptKey = await writeRawBatch(
      runtime.landing,
      'strava/activities',
      'corrupt',
      lines.slice(0, 200),
      (gz) => {
        const bad = Buffer.from(gz);
        for (let i = Math.floor(bad.length / 2); i < Math.floor(bad.length / 2) + 8; i++)
          bad[i] = bad[i]! ^ 0xff;
        return bad;
      },
    );
    await writeRawBatch(runtime.landing, 'strava/activities', 'good', lines.slice(200));

    const first = await runAssetOnce(runtime, activitiesAsset!);
    // the process lives on; half the rows are lost, so the blocking rejected_rows_ratio check says so
    expect(first.blockedByCheck).toBe(true);
    expect(first.error).toContain('rejected_rows_ratio');
    expect(first.metadata).toMatchObject({
      rows: 200,
      objects_loaded: 1,
      objects_quarantined: 1,
      quarantined_objects: [corruptKey],
    });
    const { rows } = await runtime.warehouse.query(
      `select source_object, line, reason from raw.rejected_rows where target_table = 'strava_activities'`,
    );
    expect(rows).toEqual([
      { source_object: corruptKey, line: '0', reason: expect.stringMatching(/^object quarantined: .+/) },
    ]);

    // a re-run skips it (no crash, nothing re-read); the rolling window still holds its loss
    const again = await runAssetOnce(runtime, activitiesAsset!);
    expect(again.error).toContain('rejected_rows_ratio');
    expect(again.metadata).toMatchObject({ objects_loaded: 0, objects_skipped: 2, objects_quarantined: 0 });
  });
});
