import type { Readable } from 'node:stream';
import type { RawTable } from './raw-table.js';

/** One landing object to load, as its manifest lists it. */
export interface LandingObjectRef {
  /** Landing key, e.g. `strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz`. */
  readonly key: string;
  /** Hex sha256 of the stored bytes (from the manifest). */
  readonly sha256: string;
  /** Records (lines) in the object, from the manifest. */
  readonly records: number;
}

/** What {@link LoadTarget.loadObject} needs. */
export interface LoadObjectOptions {
  readonly table: RawTable;
  readonly object: LandingObjectRef;
  /** Opens the object's stored bytes (gzip when the key ends with `.gz`). */
  open(): Promise<Readable>;
  readonly runId: string;
  readonly signal?: AbortSignal;
}

/** Outcome of one object's load. */
export interface LoadObjectResult {
  /** Rows merged into the table (after exploding, before de-duplication by key). */
  readonly rows: number;
  /** Rows written to `raw.rejected_rows`. */
  readonly rejected: number;
  /** Top-level fields the table does not know, sorted. */
  readonly newFields: readonly string[];
}

/**
 * A warehouse the loader writes to (`postgres` or `supabase`). Both keep the same ledger
 * semantics: an object is loaded into a table at most once per sha256, atomically with its rows.
 */
export interface LoadTarget {
  readonly name: 'postgres' | 'supabase';
  /** Creates or upgrades the `raw` tables and the ledger (postgres) or checks they exist (supabase). */
  prepare(): Promise<void>;
  /** Every object the ledger holds for `table`: object key -> the sha256 loaded (one query per table, not per object). */
  loadedObjects(table: string): Promise<ReadonlyMap<string, string>>;
  /** Loads one object (see {@link LoadObjectOptions}). */
  loadObject(options: LoadObjectOptions): Promise<LoadObjectResult>;
  /**
   * Quarantines an object whose bytes are unusable (a gzip that does not decompress): one
   * `raw.rejected_rows` row (line 0, the reason) and a ledger row for its sha256, so later runs
   * skip it instead of failing on it again; a re-landed object with other bytes loads normally.
   */
  quarantineObject?(table: string, object: LandingObjectRef, reason: string, runId: string): Promise<void>;
  /**
   * Loaded and rejected rows of the table's newest ledger objects, taken newest first until they
   * hold at least `minRows` rows (all of them when the table has fewer): the base of the
   * `rejected_rows_ratio` check, so a small run does not swing the ratio.
   */
  rejectedWindow?(
    table: string,
    minRows: number,
  ): Promise<{ readonly rows: number; readonly rejected: number }>;
}
