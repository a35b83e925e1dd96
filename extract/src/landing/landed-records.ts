import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { LandingManifest, ObjectStore } from '@voyager/orchestration';

/** One landed NDJSON record: a JSON object per line. */
export type LandedRecord = Record<string, unknown>;

/**
 * Streams the records of one gzipped NDJSON landing object (`part-00001.ndjson.gz`), line by line
 * through `node:readline` over `createGunzip`, so a large part is never held in memory whole.
 * Empty lines are skipped.
 * @throws the JSON parse error of a malformed line, or the gunzip error of a corrupt object.
 *
 * @example
 * for await (const r of readLandedObject(landing, 'strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz'))
 *   console.info(r.id);
 */
export async function* readLandedObject(landing: ObjectStore, key: string): AsyncGenerator<LandedRecord> {
  const source = await landing.getStream(key);
  const gunzip = createGunzip();
  // readline does not see stream errors: forward the source's to the gunzip stream it reads
  source.once('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line) yield JSON.parse(line) as LandedRecord;
  } finally {
    lines.close();
    source.destroy();
  }
}

/**
 * Streams every record of one committed landing batch, its objects in manifest order.
 *
 * @example
 * for (const m of await readLandingManifests(landing, 'strava/activities'))
 *   for await (const r of readLandedBatch(landing, m)) console.info(r.id);
 */
export async function* readLandedBatch(
  landing: ObjectStore,
  manifest: Pick<LandingManifest, 'objects'>,
): AsyncGenerator<LandedRecord> {
  for (const object of manifest.objects) yield* readLandedObject(landing, object.key);
}
