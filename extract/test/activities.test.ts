import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { stravaActivities } from '@voyager/extract';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { landedBatches, resetAsset, withSimulator } from './support/strava-harness.js';

let runtime: TestRuntime;
let simulator: StravaSimulator;
const DATASETS = ['strava/activities', 'strava/quarantine', 'strava/activity_deletions'];

beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});
afterEach(async () => {
  await simulator?.stop();
  await resetAsset(runtime, stravaActivities.key, DATASETS);
});

const ids = (records: Record<string, unknown>[]) => records.map((r) => Number(r.id));

describe('landing/strava/activities against the simulator over HTTP', () => {
  it('lands the full history (1,132) on the first run, then only the 7-day overlap, with an edit inside it', async () => {
    simulator = await startStravaSimulator();
    const env = withSimulator(runtime, simulator);
    const first = await runAssetOnce(env, stravaActivities);
    expect(first.error).toBeUndefined();
    expect(first.metadata).toMatchObject({ rows: 1132, pages: 6, mode: 'full' });
    const [batch] = await landedBatches(runtime, 'strava/activities');
    expect(new Set(ids(batch!.records)).size).toBe(1132);
    expect(simulator.requests.list).toBe(6); // 5 pages of 200 and the last, short one: no empty page

    // newest activity 2025-10-19T20:00:00Z: the overlap re-lists activities after 2025-10-12T20:00:00Z
    const newest = Date.parse('2025-10-19T20:00:00Z') / 1000;
    const inOverlap = batch!.records.filter(
      (r) => Date.parse(String(r.start_date)) / 1000 > newest - 7 * 86_400,
    );
    expect(inOverlap.length).toBeGreaterThan(0);
    const edited = inOverlap[inOverlap.length - 1]!;
    simulator.editActivity(Number(edited.id), { name: 'Renamed upstream' });

    const second = await runAssetOnce(env, stravaActivities);
    expect(second.metadata).toMatchObject({ rows: inOverlap.length, pages: 1, mode: 'incremental' });
    const batches = await landedBatches(runtime, 'strava/activities');
    expect(batches).toHaveLength(2);
    expect(new Set(ids(batches[1]!.records))).toEqual(new Set(ids(inOverlap)));
    expect(batches[1]!.records.find((r) => r.id === edited.id)?.name).toBe('Renamed upstream');
  });

  it('stops on a real 429 after page 3 with the cursor saved (not retryable), then resumes with no gap and no duplicate', async () => {
    // limits that pacing never reaches; the simulator answers the 4th list request with Strava's recorded 429
    simulator = await startStravaSimulator();
    simulator.failNext(1, 429, { afterRequests: 3 });
    const env = withSimulator(runtime, simulator, { STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS: '0' });
    const stopped = await runAssetOnce(env, stravaActivities);
    expect(stopped.status).toBe('failed');
    expect(stopped.nonRetryable).toBe(true);
    expect(stopped.error).toMatch(
      /rate limit reached; progress is saved, run again after \d{4}-\d{2}-\d{2}T\d{2}:(00|15|30|45):00\.000Z/,
    );
    expect(simulator.requests.list).toBe(3); // three pages served, the fourth got the 429
    const partial = await landedBatches(runtime, 'strava/activities');
    expect(partial[0]!.records).toHaveLength(600);
    expect(partial[0]!.metadata).toMatchObject({ complete: false, stopped: 'rate_limit' });

    const resumed = await runAssetOnce(env, stravaActivities);
    expect(resumed.status).toBe('success');
    expect(resumed.metadata).toMatchObject({ mode: 'resume', rows: 532 });
    const all = (await landedBatches(runtime, 'strava/activities')).flatMap((b) => ids(b.records));
    expect(all).toHaveLength(1132);
    expect(new Set(all).size).toBe(1132);
  });

  it('an auth error after page 3 still lands the 600 listed activities; the next run resumes after them', async () => {
    simulator = await startStravaSimulator();
    simulator.failNext(2, 401, { afterRequests: 3 }); // refused, refreshed, refused again
    const env = withSimulator(runtime, simulator);
    const stopped = await runAssetOnce(env, stravaActivities);
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toMatch(/401 Authorization Error/);
    const partial = await landedBatches(runtime, 'strava/activities');
    expect(partial[0]!.records).toHaveLength(600);
    expect(partial[0]!.metadata).toMatchObject({ complete: false, stopped: 'error' });
    const resumed = await runAssetOnce(env, stravaActivities);
    expect(resumed.metadata).toMatchObject({ mode: 'resume', rows: 532, pages: 3 });
    const all = (await landedBatches(runtime, 'strava/activities')).flatMap((b) => ids(b.records));
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(1132);
  });

  it('lists the full history again when the API URL or client id changes (simulator, then real credentials)', async () => {
    simulator = await startStravaSimulator();
    expect((await runAssetOnce(withSimulator(runtime, simulator), stravaActivities)).status).toBe('success');
    // another API at another URL (started first, so the port differs): the cursor of the first must not make this run incremental
    const first = simulator;
    simulator = await startStravaSimulator();
    await first.stop();
    await rm(join(runtime.config.home, 'strava'), { recursive: true, force: true });
    const other = await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    expect(other.metadata).toMatchObject({ mode: 'full', rows: 1132 });
    expect(simulator.requests.list).toBe(6);
  });

  it('asks for no empty page after the last short page, so a limit reached right after it costs nothing', async () => {
    simulator = await startStravaSimulator();
    // the limit is used up after the sixth list page, the short one that ends the history
    simulator.failNext(1, 429, { afterRequests: 6 });
    const env = withSimulator(runtime, simulator, { STRAVA_MAX_RATE_LIMIT_WAIT_SECONDS: '0' });
    const outcome = await runAssetOnce(env, stravaActivities);
    expect(outcome.status).toBe('success');
    expect(outcome.metadata).toMatchObject({ rows: 1132, pages: 6, requests: 6 });
    const [batch] = await landedBatches(runtime, 'strava/activities');
    expect(batch!.metadata).toMatchObject({ complete: true });
  });

  it('quarantines a malformed record with its reason and lands the rest', async () => {
    simulator = await startStravaSimulator();
    simulator.editActivity(16195505756, { distance: 'ten km', moving_time: -1 });
    const outcome = await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    expect(outcome.metadata).toMatchObject({ rows: 1131, quarantined: 1 });
    const [q] = await landedBatches(runtime, 'strava/quarantine');
    expect(q!.records).toHaveLength(1);
    expect(q!.records[0]).toMatchObject({ dataset: 'strava/activities', record: { id: 16195505756 } });
    expect(String(q!.records[0]!.reason)).toMatch(/distance: .*; moving_time: /);
  });

  it('with STRAVA_FULL_RELIST=1 records activities deleted upstream', async () => {
    simulator = await startStravaSimulator();
    const env = withSimulator(runtime, simulator);
    await runAssetOnce(env, stravaActivities);
    simulator.deleteActivity(1437562814);
    const relist = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_FULL_RELIST: '1' }),
      stravaActivities,
    );
    expect(relist.metadata).toMatchObject({ rows: 1131, deleted: 1, mode: 'relist' });
    const [deletions] = await landedBatches(runtime, 'strava/activity_deletions');
    expect(deletions!.records).toEqual([{ activity_id: 1437562814, detected_at: expect.any(String) }]);
  });

  it('with STRAVA_FULL_RELIST=1 an activity listed but failing validation is quarantined, not deleted', async () => {
    simulator = await startStravaSimulator();
    const env = withSimulator(runtime, simulator);
    await runAssetOnce(env, stravaActivities);
    simulator.editActivity(16195505756, { distance: 'ten km' });
    const relist = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_FULL_RELIST: '1' }),
      stravaActivities,
    );
    expect(relist.metadata).toMatchObject({ rows: 1131, quarantined: 1, deleted: 0 });
    expect(await landedBatches(runtime, 'strava/activity_deletions')).toEqual([]);
  });
});
