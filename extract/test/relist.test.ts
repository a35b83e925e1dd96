import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { stravaActivities } from '@voyager/extract';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { landedBatches, withSimulator } from './support/strava-harness.js';

// Issue 12 point 5, under a hostile limit: 5 requests per 15 minutes. Each run lists until the
// limit is used up and stops with its progress saved (no wait allowed); the simulator's clock
// moves on a quarter hour between runs, as the next scheduled run would see it.
let runtime: TestRuntime;
let simulator: StravaSimulator;
let clock = Date.now();
const DELETED = 1437562814; // listed on an early page of the recorded history

beforeAll(async () => {
  runtime = await createTestRuntime();
  simulator = await startStravaSimulator({
    now: () => clock,
    rateLimits: { overall: { quarterHour: 5, daily: 1000 }, read: { quarterHour: 5, daily: 1000 } },
  });
});
afterAll(async () => {
  await simulator?.stop();
  await runtime?.close();
});

async function run(extra: Record<string, string> = {}) {
  clock += 15 * 60_000;
  return runAssetOnce(
    withSimulator(runtime, simulator, { STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS: '0', ...extra }),
    stravaActivities,
  );
}

describe('a full re-list under a 5-per-15-minute limit', () => {
  it('resumes like a backfill over several runs and lands the deletion only once it has seen the whole list', async () => {
    expect((await run()).status).toBe('failed'); // 5 of the 6 pages of the backfill
    expect((await run()).metadata).toMatchObject({ mode: 'resume', rows: 132, pages: 1 });

    simulator.deleteActivity(DELETED);
    const relist1 = await run({ STRAVA_FULL_RELIST: '1' });
    expect(relist1.status).toBe('failed');
    expect(relist1.error).toMatch(/rate limit reached; progress is saved/);
    expect(await landedBatches(runtime, 'strava/activity_deletions')).toEqual([]);

    // an ordinary incremental run in between keeps the unfinished re-list
    expect((await run()).metadata).toMatchObject({ mode: 'incremental', pages: 1 });

    const relist2 = await run({ STRAVA_FULL_RELIST: '1' });
    expect(relist2.status, relist2.error).toBe('success');
    expect(relist2.metadata).toMatchObject({ mode: 'relist', pages: 1, rows: 131, deleted: 1 });
    const deletions = (await landedBatches(runtime, 'strava/activity_deletions')).flatMap((b) => b.records);
    expect(deletions.map((d) => d.activity_id)).toEqual([DELETED]);

    // the re-list is done: the next one starts from the beginning again
    const relist3 = await run({ STRAVA_FULL_RELIST: '1' });
    expect(relist3.status).toBe('failed');
    const listed = (await landedBatches(runtime, 'strava/activities')).at(-1)!;
    expect(listed.metadata).toMatchObject({ mode: 'relist', after: 0, complete: false });
  });
});
