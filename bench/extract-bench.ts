/**
 * Extract benchmark (issue 3): API requests a full backfill spends against the Strava API
 * simulator (its activities: list, details, streams) versus the minimum possible (list pages
 * at 200 per page + one request per detail + one per stream set), as a ratio; plus the requests
 * of the next incremental run. Called by `bench/run.ts` (`npm run bench`, `-- --json`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { LocalObjectStore, type AssetContext, type AssetDefinition } from '@voyager/orchestration';
import { environmentSecrets } from '@voyager/orchestration/testing';
import { STRAVA_MAX_PER_PAGE } from '@voyager/extract/testing';
import { stravaExtractAssets } from '@voyager/extract';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';

async function materialize(
  asset: AssetDefinition,
  simulator: StravaSimulator,
  home: string,
  states: Map<string, unknown>,
  run: number,
) {
  const env = {
    VOYAGER_HOME: home,
    STRAVA_API_URL: simulator.apiUrl,
    STRAVA_OAUTH_URL: simulator.oauthUrl,
    STRAVA_CLIENT_ID: simulator.credentials.clientId,
    STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
    STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
  };
  const ctx: AssetContext = {
    assetKey: asset.key,
    partition: undefined,
    runId: `bench-${run}`,
    attempt: 1,
    runScope: {},
    log: pino({ level: 'silent' }),
    landing: new LocalObjectStore(join(home, 'landing')),
    warehouse: undefined as never, // the extract assets never touch the warehouse
    state: {
      get: async <T>() => states.get(asset.key) as T | undefined,
      set: async (value: unknown) => void states.set(asset.key, value),
    },
    secrets: environmentSecrets(env),
    signal: new AbortController().signal,
    projectDir: home,
    env,
  };
  return (await asset.materialize(ctx))?.metadata ?? {};
}

/** Runs the backfill and returns the figures (request counts, ratio, seconds) and human lines. */
export async function runExtractBench(): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const home = await mkdtemp(join(tmpdir(), 'voyager-extract-bench-'));
  const simulator = await startStravaSimulator();
  // the synthetic athlete by default, the 1,132 recorded activities with VOYAGER_SIMULATOR_DATA
  const ACTIVITIES = simulator.activities().length;
  try {
    const states = new Map<string, unknown>();
    const started = performance.now();
    const { activities, activityDetails, activityStreams } = stravaExtractAssets;
    for (const asset of [activities, activityDetails, activityStreams])
      await materialize(asset, simulator, home, states, 1);
    const seconds = (performance.now() - started) / 1000;
    const r = { ...simulator.requests };
    const list = r.list ?? 0;
    const details = r.activity ?? 0;
    const streams = r.streams ?? 0;
    const total = list + details + streams;
    const minimum = Math.ceil(ACTIVITIES / STRAVA_MAX_PER_PAGE) + 2 * ACTIVITIES;
    for (const asset of [activities, activityDetails, activityStreams])
      await materialize(asset, simulator, home, states, 2);
    const incremental =
      (simulator.requests.list ?? 0) +
      (simulator.requests.activity ?? 0) +
      (simulator.requests.streams ?? 0) -
      total;
    const figures = {
      extract_backfill_requests: total,
      extract_backfill_list_requests: list,
      extract_backfill_detail_requests: details,
      extract_backfill_stream_requests: streams,
      extract_backfill_oauth_requests: r.oauth ?? 0,
      extract_minimum_requests: minimum,
      extract_request_ratio: Number((total / minimum).toFixed(4)),
      extract_incremental_requests: incremental,
      extract_backfill_seconds: Number(seconds.toFixed(2)),
    };
    return {
      figures,
      lines: [
        `extract: full backfill of ${ACTIVITIES} activities used ${total} API requests (${list} list, ${details} detail, ${streams} stream) + ${figures.extract_backfill_oauth_requests} token refresh`,
        `extract: minimum possible ${minimum} (${Math.ceil(ACTIVITIES / STRAVA_MAX_PER_PAGE)} list pages of ${STRAVA_MAX_PER_PAGE} + one detail and one stream request per activity): ratio ${figures.extract_request_ratio}`,
        `extract: the next incremental run used ${incremental} requests; backfill took ${figures.extract_backfill_seconds} s against the local simulator`,
      ],
    };
  } finally {
    await simulator.stop();
    await rm(home, { recursive: true, force: true });
  }
}
