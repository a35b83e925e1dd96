import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { externalAsset, type AssetDefinition, type ObjectStore } from '@voyager/orchestration';
import { createStravaLoadAssets } from '../src/strava/assets.js';

/**
 * The Strava load asset `key` (`raw/strava_activity_streams`, ...), its upstream extract assets
 * external: what a test runs with `runAssetOnce`. Throws when no Strava load asset has that key.
 */
export function stravaLoadAsset(key: string): AssetDefinition {
  const upstream = (name: string) => externalAsset(`landing/strava/${name}`);
  const found = createStravaLoadAssets({
    activities: upstream('activities'),
    activityDetails: upstream('activity_details'),
    activityStreams: upstream('activity_streams'),
    athlete: upstream('athlete'),
  }).find((a) => a.key === key);
  if (!found) throw new Error(`no Strava load asset ${key}`);
  return found;
}

/**
 * Writes a landing batch whose part holds `lines` verbatim (so a test can land a line that is not
 * JSON), with its manifest, exactly as the landing contract lays them out.
 */
export async function writeRawBatch(
  store: ObjectStore,
  dataset: string,
  runId: string,
  lines: readonly string[],
  /** Alters the stored gzip bytes (a corrupt object); the manifest's sha256 is of what is stored. */
  mangle: (gzip: Buffer) => Buffer = (gzip) => gzip,
): Promise<string> {
  const prefix = `${dataset}/ingest_date=2025-10-20/run=${runId}/`;
  const key = `${prefix}part-00001.ndjson.gz`;
  const body = mangle(gzipSync(lines.join('\n') + '\n'));
  await store.put(key, body);
  const manifest = {
    version: 1,
    dataset,
    run_id: runId,
    ingest_date: '2025-10-20',
    created_at: new Date().toISOString(),
    record_count: lines.length,
    objects: [
      {
        key,
        records: lines.length,
        bytes: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      },
    ],
    metadata: {},
  };
  await store.put(`${prefix}_manifest.json`, JSON.stringify(manifest));
  return key;
}
