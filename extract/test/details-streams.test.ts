import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { stravaActivities } from '@voyager/extract';
import { stravaActivityDetails } from '../src/strava/activity-details-asset.js';
import { stravaActivityStreams } from '../src/strava/activity-streams-asset.js';
import { stravaAthlete } from '../src/strava/athlete-asset.js';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { landedBatches, withSimulator } from './support/strava-harness.js';

let runtime: TestRuntime;
let simulator: StravaSimulator;

beforeAll(async () => {
  runtime = await createTestRuntime();
  simulator = await startStravaSimulator();
  await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
});
afterAll(async () => {
  await simulator?.stop();
  await runtime?.close();
});

describe('per-activity assets against the simulator', () => {
  it('fetches details within a request budget, resumes where it stopped, and refetches only an edited activity', async () => {
    const budgeted = withSimulator(runtime, simulator, { STRAVA_REQUEST_BUDGET: '700' });
    const first = await runAssetOnce(budgeted, stravaActivityDetails);
    expect(first.metadata).toMatchObject({ rows: 700, requests: 700, remaining: 432, stopped: 'budget' });
    const second = await runAssetOnce(budgeted, stravaActivityDetails);
    expect(second.metadata).toMatchObject({ rows: 432, remaining: 0, stopped: 'complete' });
    const details = (await landedBatches(runtime, 'strava/activity_details')).flatMap((b) => b.records);
    expect(new Set(details.map((d) => d.id)).size).toBe(1132);
    // the recorded detail is served as recorded (laps, best efforts, device), others are generated
    const recorded = details.find((d) => d.id === 1946417534)!;
    expect(recorded.synthetic).toBeUndefined();
    expect(Array.isArray(recorded.best_efforts) && recorded.best_efforts.length).toBeGreaterThan(0);
    expect(details.filter((d) => d.synthetic === true)).toHaveLength(1130);

    const nothing = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityDetails);
    expect(nothing.metadata).toMatchObject({ rows: 0, requests: 0 });
    simulator.editActivity(16195505756, { name: 'Edited title' });
    await runAssetOnce(withSimulator(runtime, simulator), stravaActivities);
    const refetch = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityDetails);
    expect(refetch.metadata).toMatchObject({ rows: 1, requests: 1 });
  });

  it('lands streams: the recorded ones as api, the generated ones marked synthetic', async () => {
    const outcome = await runAssetOnce(withSimulator(runtime, simulator), stravaActivityStreams);
    expect(outcome.metadata).toMatchObject({ rows: 1132, remaining: 0 });
    const streams = (await landedBatches(runtime, 'strava/activity_streams')).flatMap((b) => b.records);
    const recorded = streams.find((s) => s.activity_id === 1946417534)!;
    expect(recorded).toMatchObject({ synthetic: false, source: 'api' });
    expect(Object.keys(recorded.streams as object)).toEqual(['distance']);
    const generated = streams.find((s) => s.activity_id === 16195505756)!;
    expect(generated).toMatchObject({ synthetic: true, source: 'simulator' });
    const set = generated.streams as Record<string, { data: unknown[] }>;
    expect(set.time!.data.length).toBe(set.heartrate!.data.length);
    expect(set.latlng!.data[0]).toHaveLength(2);
  });

  it('retries a 503 with backoff and lands the athlete, zones and stats', async () => {
    simulator.failNext(2, 503);
    // short injected backoff: the retry policy is what is tested, not the wall clock
    const outcome = await runAssetOnce(
      withSimulator(runtime, simulator, { STRAVA_RETRY_MIN_TIMEOUT_MS: '10' }),
      stravaAthlete,
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.metadata).toMatchObject({ rows: 1, athlete_id: 26462176, requests: 5 });
    expect(outcome.outputs.map((o) => [o.assetKey, o.status, o.metadata.rows])).toEqual([
      ['landing/strava/athlete', 'success', 1],
      ['landing/strava/athlete_zones', 'success', 1],
      ['landing/strava/athlete_stats', 'success', 1],
    ]);
    const [zones] = await landedBatches(runtime, 'strava/athlete_zones');
    expect(zones!.records[0]).toMatchObject({
      athlete_id: 26462176,
      heart_rate: { zones: expect.any(Array) },
    });
  });
});
