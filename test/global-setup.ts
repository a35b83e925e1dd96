import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: nothing is shared between test files except what is set here.
 * Each test file starts its own embedded Postgres (see orchestration/test/support).
 * The Strava simulator serves the recorded responses of ../shared/data/strava-api-v3 when that
 * folder is beside the checkout (the figures the tests check, such as 1,132 activities, are
 * those of the recording); tests of the synthetic athlete ask for it explicitly.
 */
export default function setup(): void {
  process.env.VOYAGER_LOG_LEVEL ??= 'silent';
  const recorded = fileURLToPath(new URL('../../shared/data/strava-api-v3', import.meta.url));
  if (process.env.VOYAGER_SIMULATOR_DATA === undefined && existsSync(recorded))
    process.env.VOYAGER_SIMULATOR_DATA = recorded;
}
