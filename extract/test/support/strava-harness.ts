import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readLandingManifests } from '@voyager/orchestration';
import { type Runtime } from '@voyager/orchestration/testing';
import { type StravaSimulator } from '@voyager/extract/simulator';
import { readLandedBatch } from '@voyager/extract/testing';

/** The runtime with the simulator's endpoints and demo credentials (plus `extra`) as its environment. */
export function withSimulator(
  runtime: Runtime,
  simulator: StravaSimulator,
  extra: Record<string, string> = {},
): Runtime {
  return {
    ...runtime,
    env: {
      ...runtime.env,
      STRAVA_API_URL: simulator.apiUrl,
      STRAVA_OAUTH_URL: simulator.oauthUrl,
      STRAVA_CLIENT_ID: simulator.credentials.clientId,
      STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
      STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
      VOYAGER_SSM_PREFIX: '',
      ...extra,
    },
  };
}

/** Every record of `dataset` per committed batch (oldest batch first). */
export async function landedBatches(
  runtime: Runtime,
  dataset: string,
): Promise<{ runId: string; records: Record<string, unknown>[]; metadata: Record<string, unknown> }[]> {
  const manifests = await readLandingManifests(runtime.landing, dataset);
  const out = [];
  for (const m of manifests) {
    const records: Record<string, unknown>[] = [];
    for await (const r of readLandedBatch(runtime.landing, m)) records.push(r);
    out.push({ runId: m.run_id, records, metadata: m.metadata });
  }
  return out;
}

/** Forgets an asset's cursor, the landing datasets and the stored Strava tokens (a fresh start inside one runtime). */
export async function resetAsset(
  runtime: Runtime,
  assetKey: string,
  datasets: readonly string[],
): Promise<void> {
  await rm(join(runtime.config.home, 'strava'), { recursive: true, force: true });
  await runtime.warehouse.query('delete from voyager.asset_state where asset_key = $1', [assetKey]);
  for (const d of datasets) await runtime.landing.deletePrefix(`${d}/`);
}
