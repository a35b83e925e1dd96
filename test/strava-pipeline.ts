import { readFile } from 'node:fs/promises';
import pino from 'pino';
import {
  startGoogleHealthSimulator,
  type GoogleHealthSimulator,
} from '@voyager/extract/heart-rate-simulator';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import { startOpenMeteoSimulator } from '@voyager/extract/testing';
import {
  executeRun,
  type RunResult,
  createTestRuntime,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

/** The recorded Strava API v3 responses (../shared/data), served by the simulator in these tests. */
export const recordedDataDir = sharedData('strava-api-v3');

/** The 1,132 recorded SummaryActivity objects of GET /athlete/activities (pages 1-39). */
export async function recordedActivities(): Promise<Array<Record<string, unknown>>> {
  const pages = await Promise.all(
    Array.from({ length: 39 }, (_, i) =>
      readFile(`${recordedDataDir}/responses/client__all_athlete_activities__${i + 1}.json`, 'utf8'),
    ),
  );
  return pages.flatMap((p) => JSON.parse(p) as Array<Record<string, unknown>>);
}

/** A fresh warehouse and landing zone, with the simulator serving the recorded responses. */
export interface StravaPipeline {
  readonly runtime: TestRuntime;
  readonly simulator: StravaSimulator;
  /** The Google Health API simulator the heart-rate landing asset reads (its last complete hour). */
  readonly heartRateSimulator: GoogleHealthSimulator;
  /** Materializes `selection` (default: every asset of definitions.ts) with the real assets. */
  run(selection?: string): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * The real extract, load and dbt assets of definitions.ts on the recorded Strava responses: the
 * landing data the marts tests and the parity test read is what the product itself lands and loads.
 */
export async function startStravaPipeline(env: Record<string, string> = {}): Promise<StravaPipeline> {
  const simulator = await startStravaSimulator({ dataDir: recordedDataDir });
  const heartRateSimulator = await startGoogleHealthSimulator();
  // the weather asset reads the Open-Meteo simulator: no test reaches the internet
  const weatherSimulator = await startOpenMeteoSimulator();
  const runtime = await createTestRuntime({
    projectDir: repoRoot,
    env: {
      STRAVA_API_URL: simulator.apiUrl,
      STRAVA_OAUTH_URL: simulator.oauthUrl,
      STRAVA_CLIENT_ID: simulator.credentials.clientId,
      STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
      STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
      GOOGLE_HEALTH_API_URL: heartRateSimulator.apiUrl,
      GOOGLE_HEALTH_OAUTH_URL: heartRateSimulator.oauthUrl,
      GOOGLE_HEALTH_CLIENT_ID: heartRateSimulator.credentials.clientId,
      GOOGLE_HEALTH_CLIENT_SECRET: heartRateSimulator.credentials.clientSecret,
      GOOGLE_HEALTH_REFRESH_TOKEN: heartRateSimulator.credentials.refreshToken,
      OPEN_METEO_URL: weatherSimulator.archiveUrl,
      OPEN_METEO_MAX_REQUESTS_PER_RUN: '1000000',
      OPEN_METEO_MAX_REQUESTS_PER_MINUTE: '1000000',
      ...env,
    },
  });
  return {
    runtime,
    simulator,
    heartRateSimulator,
    run: (selection = '*') =>
      executeRun({ definitions: defs, runtime, log: pino({ level: 'silent' }), selection }),
    async close() {
      await runtime.close();
      await simulator.stop();
      await heartRateSimulator.stop();
      await weatherSimulator.close();
    },
  };
}
