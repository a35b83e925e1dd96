import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { startOpenMeteoSimulator, type OpenMeteoSimulator } from '@voyager/extract/testing';
import { executeRun, createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// Across packages: an activity deleted on Strava is found by the opt-in full re-list (extract),
// marked deleted in raw.strava_activities (load), flagged in marts.fct_activities and left out
// of the weekly totals (dbt). Real simulator over HTTP, real embedded Postgres.
let simulator: StravaSimulator;
// fct_activities carries the weather at the start (issue 15), so its upstream fetches it
let weather: OpenMeteoSimulator;
let runtime: TestRuntime;
const log = pino({ level: 'silent' });
const DELETED = 1437562814;

beforeAll(async () => {
  simulator = await startStravaSimulator({});
  weather = await startOpenMeteoSimulator();
  runtime = await createTestRuntime({
    projectDir: repoRoot,
    env: {
      STRAVA_API_URL: simulator.apiUrl,
      STRAVA_OAUTH_URL: simulator.oauthUrl,
      STRAVA_CLIENT_ID: simulator.credentials.clientId,
      STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
      STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
      STRAVA_FULL_RELIST: '1',
      OPEN_METEO_URL: weather.archiveUrl,
      OPEN_METEO_MAX_REQUESTS_PER_RUN: '1000000',
      OPEN_METEO_MAX_REQUESTS_PER_MINUTE: '1000000',
      // the engine is not the subject here (real dbt's builds: test/dbt-parity.test.ts)
      VOYAGER_DBT_RUNNER: 'builtin',
    },
  });
}, 120_000);
afterAll(async () => {
  await runtime?.close();
  await simulator?.stop();
  await weather?.close();
});

describe('an activity deleted upstream', () => {
  it('is flagged in the marts and leaves the weekly totals after a full re-list', async () => {
    const selection = '+marts/fct_activities,+marts/fct_training_weeks';
    const first = await executeRun({ definitions: defs, runtime, log, selection });
    expect(first.status).toBe('success');
    simulator.deleteActivity(DELETED);
    const second = await executeRun({ definitions: defs, runtime, log, selection });
    expect(second.outcomes.filter((o) => o.status !== 'success')).toEqual([]);

    const { rows } = await runtime.warehouse.query<{ n: number; deleted: number; deleted_id: string }>(
      `select count(*)::int as n, count(*) filter (where is_deleted)::int as deleted,
              max(activity_id) filter (where is_deleted)::text as deleted_id
         from marts.fct_activities`,
    );
    expect(rows[0]).toEqual({ n: 1132, deleted: 1, deleted_id: String(DELETED) });
    const weeks = await runtime.warehouse.query<{ n: number }>(
      'select sum(activity_count)::int as n from marts.fct_training_weeks',
    );
    expect(weeks.rows[0]!.n).toBe(1131);
  }, 180_000);
});
