import {
  LandingLineError,
  ObjectChecksumError,
  readLandingObject,
  type LandingManifest,
  type ObjectStore,
} from '@voyager/orchestration';

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

/** What to do with a bad line; without it, reading stops with a `LandingLineError`. */
export interface ReadLandedOptions {
  /** Called for each bad line, which is then skipped (the load puts the same line in `raw.rejected_rows`). */
  readonly onBadLine?: (bad: BadLandedLine) => void;
}

/**
 * Streams the records of one gzipped NDJSON landing object (`part-00001.ndjson.gz`) through the
 * orchestration package's one reader, `readLandingObject` (streaming, sha256-verified when the
 * manifest's `sha256` is given). Empty lines are skipped; a line that is not a JSON object goes to
 * `options.onBadLine` and is skipped, or stops the read with a `LandingLineError` naming the key
 * and line.
 * @throws LandingLineError (no `onBadLine`), ObjectChecksumError, or an Error naming the key for a
 * corrupt gzip object.
 *
 * @example
 * for await (const r of readLandedObject(landing, 'strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz'))
 *   console.info(r.id);
 */
export async function* readLandedObject(
  landing: ObjectStore,
  object: string | { readonly key: string; readonly sha256?: string },
  options: ReadLandedOptions = {},
): AsyncGenerator<LandedRecord> {
  const ref = typeof object === 'string' ? { key: object } : object;
  const { onBadLine } = options;
  try {
    for await (const { record } of readLandingObject(
      landing,
      ref,
      onBadLine
        ? { onBadLine: (bad) => onBadLine({ key: bad.objectKey, line: bad.lineNumber, reason: bad.reason }) }
        : {},
    ))
      yield record;
  } catch (error) {
    if (error instanceof LandingLineError || error instanceof ObjectChecksumError) throw error;
    throw new Error(`landing object ${ref.key}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Streams every record of one committed landing batch, its objects in manifest order, each
 * verified against the manifest's sha256.
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
  for (const object of manifest.objects) yield* readLandedObject(landing, object, options);
}
