import type { Readable } from 'node:stream';

/** One stored object as listed by {@link ObjectStore.list}. */
export interface StoredObject {
  /** Key relative to the store's root, `/`-separated (e.g. `strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz`). */
  readonly key: string;
  /** Size in bytes. */
  readonly size: number;
}

/**
 * The landing zone: an immutable-key object store, either a local folder or an S3 prefix.
 * Keys are Hive-style paths (see DESIGN.md, "Storage contracts").
 */
export interface ObjectStore {
  /** The URL this store was opened from (`s3://bucket/prefix` or a folder path). */
  readonly url: string;
  /** Writes `body` under `key`, replacing what was there. Local writes are atomic (temp file + rename). */
  put(key: string, body: Buffer | string | Readable): Promise<void>;
  /** Reads the whole object. Throws {@link ObjectNotFoundError} when it does not exist. */
  get(key: string): Promise<Buffer>;
  /** Streams the object. Throws {@link ObjectNotFoundError} when it does not exist. */
  getStream(key: string): Promise<Readable>;
  /** Whether `key` exists. */
  exists(key: string): Promise<boolean>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Deletes every object under `prefix` (used to replace a partition's output on re-run). */
  deletePrefix(prefix: string): Promise<number>;
}

/** Thrown by {@link ObjectStore.get} for a missing key. */
export class ObjectNotFoundError extends Error {
  constructor(
    readonly storeUrl: string,
    readonly key: string,
  ) {
    super(`no object "${key}" in landing ${storeUrl}`);
    this.name = 'ObjectNotFoundError';
  }
}
