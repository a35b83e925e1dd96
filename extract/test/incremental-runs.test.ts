import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createTestRuntime,
  runAssetOnce,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { type RunningDevService } from '@voyager/orchestration';
import { stravaActivities } from '@voyager/extract';
import { stravaActivityDetails } from '../src/strava/activity-details-asset.js';
import { stravaAthlete } from '../src/strava/athlete-asset.js';
import { stravaSimulatorDevService } from '@voyager/extract/simulator';

// Issue 12 point 4: each `npm start` starts the simulator on a new random port. The cursor must
// belong to the simulator's data, not its port, or every run lists and fetches everything again.
let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_SIMULATOR_DATA: '' } });
});
afterAll(async () => {
  await runtime?.close();
});

/** Starts the dev service as `npm start` does, in the runtime's VOYAGER_HOME. */
async function devService(): Promise<RunningDevService> {
  const running = await stravaSimulatorDevService.start({
    env: { VOYAGER_HOME: runtime.home, VOYAGER_SIMULATOR_DATA: '' },
    projectDir: runtime.projectDir,
    log: createLogger({ level: 'silent', pretty: false }),
  });
  return running!;
}

describe('two local runs, each with its own simulator process', () => {
  it('the second run is incremental: one list request, one athlete request, no detail fetched again', async () => {
    const first = await devService();
    const env = { ...runtime, env: { ...runtime.env, ...first.env, VOYAGER_SSM_PREFIX: '' } };
    const full = await runAssetOnce(env, stravaActivities);
    expect(full.metadata).toMatchObject({ mode: 'full' });
    // details for the last 20 activities only, to keep the test short
    const budget = { ...env, env: { ...env.env, STRAVA_REQUEST_BUDGET: '20' } };
    const firstDetails = await runAssetOnce(budget, stravaActivityDetails);
    expect(firstDetails.metadata).toMatchObject({ rows: 20 });
    const firstAthlete = await runAssetOnce(env, stravaAthlete);
    expect(firstAthlete.outputs.map((o) => [o.status, o.metadata.reason ?? null])).toEqual([
      ['success', null],
      ['success', 'first run'],
      ['success', 'first run'],
    ]);
    expect(firstAthlete.metadata).toMatchObject({ requests: 3 });
    await first.stop();

    const second = await devService();
    try {
      expect(second.env.STRAVA_API_URL).not.toBe(first.env.STRAVA_API_URL);
      const env2 = { ...runtime, env: { ...runtime.env, ...second.env, VOYAGER_SSM_PREFIX: '' } };
      const again = await runAssetOnce(env2, stravaActivities);
      expect(again.metadata).toMatchObject({ mode: 'incremental', requests: 1, pages: 1 });
      const details = await runAssetOnce(
        { ...env2, env: { ...env2.env, STRAVA_REQUEST_BUDGET: '20' } },
        stravaActivityDetails,
      );
      // the 20 newest were fetched by the first run: the budget goes to the next 20, none twice
      expect(details.metadata).toMatchObject({
        rows: 20,
        requests: 20,
        remaining: Number(firstDetails.metadata.remaining) - 20,
      });
      // nothing new listed, the profile unchanged, within a day: the profile only (1 request)
      const athlete = await runAssetOnce(env2, stravaAthlete);
      expect(athlete.metadata).toMatchObject({ rows: 1, requests: 1 });
      expect(athlete.outputs.map((o) => [o.assetKey, o.status])).toEqual([
        ['landing/strava/athlete', 'success'],
        ['landing/strava/athlete_zones', 'skipped'],
        ['landing/strava/athlete_stats', 'skipped'],
      ]);
    } finally {
      await second.stop();
    }
  });
});
