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
 * What {@link LoadTarget.replaceRows} replaces: every row of `raw.<table>` whose `column` equals
 * `value` and whose `timeColumn` lies in `[start, end)` (one source's rows of one partition).
 */
export interface ReplacedRows {
  readonly column: string;
  readonly value: string;
  readonly timeColumn: string;
  readonly start: Date;
  readonly end: Date;
}

/** What {@link LoadTarget.replaceRows} needs: the rows replaced, the objects that replace them. */
export interface ReplaceRowsOptions {
  readonly table: RawTable;
  readonly replaced: ReplacedRows;
  /** The objects loaded instead (none: the rows are deleted), each as {@link LoadObjectOptions} gives it. */
  readonly objects: readonly Pick<LoadObjectOptions, 'object' | 'open'>[];
  /**
   * A ledger row written with them (`rows_loaded` 0): the batch that did the replacing, so a
   * later run that finds this `sha256` under `key` knows it is done.
   */
  readonly marker: { readonly key: string; readonly sha256: string };
  readonly runId: string;
  readonly signal?: AbortSignal;
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
   * In one transaction: deletes the rows {@link ReplaceRowsOptions.replaced} names, loads the
   * objects, writes their ledger rows and the marker. Targets without transactions (supabase)
   * leave it out; their callers load the objects one by one instead.
   */
  replaceRows?(options: ReplaceRowsOptions): Promise<LoadObjectResult & { readonly deleted: number }>;
  /**
   * Quarantines an object whose bytes are unusable (a gzip that does not decompress): one
   * `raw.rejected_rows` row (line 0, the reason) and a ledger row for its sha256, so later runs
   * skip it instead of failing on it again; a re-landed object with other bytes loads normally.
   */
  quarantineObject?(table: string, object: LandingObjectRef, reason: string, runId: string): Promise<void>;
  /**
   * Writes (or replaces) a marker row of the ledger (`rows_loaded` 0) under `marker.key`: a fact
   * about what was loaded that is not one object, e.g. the landed batches of a heart-rate hour
   * (`heart_rate/samples/hour=<h>/loaded_batches`), so planning can tell a loaded hour from a
   * new one with one ledger read. Both targets implement it.
   */
  recordMarker(
    table: string,
    marker: { readonly key: string; readonly sha256: string },
    runId: string,
  ): Promise<void>;
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
