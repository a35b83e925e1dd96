import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { LandingManifest, ObjectStore } from '@voyager/orchestration';

/** One landed NDJSON record: a JSON object per line. */
export type LandedRecord = Record<string, unknown>;

/** A landed line that is not a JSON object: where it is and why it was refused. */
export interface BadLandedLine {
  /** The landing object's key. */
  readonly key: string;
  /** 1-based line number in the (uncompressed) object. */
  readonly line: number;
  readonly reason: string;
}

/** What to do with a bad line; without it, reading stops with a {@link LandedLineError}. */
export interface ReadLandedOptions {
  /** Called for each bad line, which is then skipped (the load puts the same line in `raw.rejected_rows`). */
  readonly onBadLine?: (bad: BadLandedLine) => void;
}

/** A landed line that is not a JSON object, with the object key and line number. */
export class LandedLineError extends Error {
  constructor(readonly bad: BadLandedLine) {
    super(`landing object ${bad.key} line ${bad.line}: ${bad.reason}`);
    this.name = 'LandedLineError';
  }
}

/**
 * Streams the records of one gzipped NDJSON landing object (`part-00001.ndjson.gz`), line by line
 * through `node:readline` over `createGunzip`, so a large part is never held in memory whole.
 * Empty lines are skipped; a line that is not a JSON object goes to `options.onBadLine` and is
 * skipped, or stops the read with a {@link LandedLineError} naming the key and line.
 * @throws LandedLineError (no `onBadLine`), or an Error naming the key for a corrupt gzip object.
 *
 * @example
 * for await (const r of readLandedObject(landing, 'strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz'))
 *   console.info(r.id);
 */
export async function* readLandedObject(
  landing: ObjectStore,
  key: string,
  options: ReadLandedOptions = {},
): AsyncGenerator<LandedRecord> {
  const source = await landing.getStream(key);
  const gunzip = createGunzip();
  // readline does not see stream errors: forward the source's to the gunzip stream it reads
  source.once('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (!text) continue;
      let record: unknown;
      let reason: string | undefined;
      try {
        record = JSON.parse(text);
        if (record === null || typeof record !== 'object' || Array.isArray(record))
          reason = 'not a JSON object';
      } catch (error) {
        reason = (error as Error).message;
      }
      if (reason === undefined) {
        yield record as LandedRecord;
        continue;
      }
      const bad = { key, line: n, reason };
      if (!options.onBadLine) throw new LandedLineError(bad);
      options.onBadLine(bad);
    }
  } catch (error) {
    if (error instanceof LandedLineError) throw error;
    throw new Error(`landing object ${key}: ${(error as Error).message}`, { cause: error });
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
  options: ReadLandedOptions = {},
): AsyncGenerator<LandedRecord> {
  for (const object of manifest.objects) yield* readLandedObject(landing, object.key, options);
}
