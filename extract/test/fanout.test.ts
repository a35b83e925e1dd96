import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { writeLandingBatch } from '@voyager/orchestration';
import { stravaActivities } from '@voyager/extract';
import { stravaActivityDetails } from '../src/strava/activity-details-asset.js';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { landedBatches, resetAsset, withSimulator } from './support/strava-harness.js';

let runtime: TestRuntime;
let simulator: StravaSimulator;
const NEWEST = 16195505756; // 2025-10-19T20:00:00Z, the newest recorded activity

beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});
afterEach(async () => {
  await simulator?.stop();
  await resetAsset(runtime, stravaActivities.key, ['strava/activities', 'strava/quarantine']);
  await resetAsset(runtime, stravaActivityDetails.key, ['strava/activity_details']);
});

const detailIds = async () =>
  (await landedBatches(runtime, 'strava/activity_details')).map((b) => b.records.map((r) => Number(r.id)));

describe('per-activity fan-out: no request wasted', () => {
  it('an auth error after 5 details commits those 5 and saves the state; the next run goes on after them', async () => {
    simulator = await startStravaSimulator();
    const env = withSimulator(runtime, simulator, { STRAVA_REQUEST_BUDGET: '10' });
    await runAssetOnce(env, stravaActivities);
    simulator.failNext(2, 401, { afterRequests: 5 }); // refused, refreshed, refused again
    const stopped = await runAssetOnce(env, stravaActivityDetails);
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toMatch(/401 Authorization Error/);
    const [first] = await landedBatches(runtime, 'strava/activity_details');
    expect(first!.records).toHaveLength(5);
    expect(first!.metadata).toMatchObject({ stopped: 'error' });
    const next = await runAssetOnce(env, stravaActivityDetails);
    expect(next.metadata).toMatchObject({ rows: 10, requests: 10, remaining: 1117 });
    const [a, b] = await detailIds();
    expect(new Set([...a!, ...b!]).size).toBe(15);
  });

  it('starts with an empty done-set when the API URL or client id changes', async () => {
    simulator = await startStravaSimulator();
    const budget = { STRAVA_REQUEST_BUDGET: '3' };
    await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    await runAssetOnce(withSimulator(runtime, simulator, budget), stravaActivityDetails);
    const first = simulator;
    simulator = await startStravaSimulator(); // another URL (started first, so the port differs): another identity
    await first.stop();
    await rm(join(runtime.config.home, 'strava'), { recursive: true, force: true });
    await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    const other = await runAssetOnce(withSimulator(runtime, simulator, budget), stravaActivityDetails);
    expect(other.metadata).toMatchObject({ rows: 3, remaining: 1129 });
    const [a, b] = await detailIds();
    expect(b).toEqual(a); // the newest three again, from the new API
  });

  it('does not fetch a detail again when the API lists an activity first landed from the bulk export', async () => {
    simulator = await startStravaSimulator();
    // the export's values: km rounded to 10 m, whole seconds; never equal to the API's
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'import-1',
      records: [
        {
          id: NEWEST,
          name: 'Evening Run',
          distance: 6760,
          moving_time: 2400,
          elapsed_time: 2460,
          start_date: '2025-10-19T20:00:00Z',
          _source: 'bulk_export',
        },
      ],
      metadata: { source: 'bulk_export' },
    });
    const fromExport = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityDetails);
    expect(fromExport.metadata).toMatchObject({ rows: 1, requests: 1 });
    await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    const next = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_REQUEST_BUDGET: '2' }),
      stravaActivityDetails,
    );
    expect(next.metadata).toMatchObject({ rows: 2, remaining: 1129 });
    expect((await detailIds())[1]).not.toContain(NEWEST);
    // an edit upstream is still an edit: compared with the API's summary, adopted on that run
    simulator.editActivity(NEWEST, { name: 'Renamed' });
    await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    const edited = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_REQUEST_BUDGET: '1' }),
      stravaActivityDetails,
    );
    expect(edited.metadata).toMatchObject({ rows: 1 });
    expect((await detailIds())[2]).toEqual([NEWEST]);
  });
});
