import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { ObjectStore } from '../object-store/object-store.js';
import { commitSequence } from './commit-sequence.js';
import { landingBatchPrefix, MANIFEST_FILE, type LandingManifest, type LandingObject } from './manifest.js';

const gzip = promisify(gzipCallback);

/** Options of {@link LandingBatchWriter}. */
export interface LandingBatchOptions {
  /** e.g. `strava/activities` */
  readonly dataset: string;
  readonly runId: string;
  /** `YYYY-MM-DD`; default: today's UTC date. */
  readonly ingestDate?: string;
  /**
   * Delete every earlier batch of this dataset and ingest date before writing (a partitioned asset
   * re-running its partition replaces its output). Default: only this run's own prefix is cleared,
   * so a retried attempt never leaves stale parts.
   */
  readonly replaceIngestDate?: boolean;
}

/**
 * Writes one landing batch: gzip NDJSON parts (`part-00001.ndjson.gz`, ...) as they come, then
 * `_manifest.json` with every object's record count, size and sha256, last. Memory holds one
 * part at a time.
 *
 * ### Examples
 * ```ts
 * const batch = new LandingBatchWriter(ctx.landing, { dataset: 'strava/activities', runId: ctx.runId });
 * await batch.writePart(page);           // one API page per part
 * const manifest = await batch.commit({ pages: 6 });
 * ```
 */
export class LandingBatchWriter {
  readonly prefix: string;
  readonly #store: ObjectStore;
  readonly #options: LandingBatchOptions;
  readonly #ingestDate: string;
  readonly #objects: LandingObject[] = [];
  #started = false;
  #committed = false;

  constructor(store: ObjectStore, options: LandingBatchOptions) {
    this.#store = store;
    this.#options = options;
    this.#ingestDate = options.ingestDate ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.#ingestDate)) {
      throw new Error(`ingest date "${this.#ingestDate}" of dataset ${options.dataset} is not YYYY-MM-DD`);
    }
    this.prefix = landingBatchPrefix(options.dataset, this.#ingestDate, options.runId);
  }

  async #start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const clear = this.#options.replaceIngestDate
      ? `${this.#options.dataset}/ingest_date=${this.#ingestDate}/`
      : this.prefix;
    await this.#store.deletePrefix(clear);
  }

  /** Records written so far. */
  get recordCount(): number {
    return this.#objects.reduce((n, o) => n + o.records, 0);
  }

  /** Writes `records` as the next part (skipped when empty). @throws when called after `commit`. */
  async writePart(records: readonly unknown[]): Promise<void> {
    if (this.#committed) throw new Error(`landing batch ${this.prefix} is already committed`);
    await this.#start();
    if (records.length === 0) return;
    const ndjson = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const body = await gzip(ndjson);
    const key = `${this.prefix}part-${String(this.#objects.length + 1).padStart(5, '0')}.ndjson.gz`;
    await this.#store.put(key, body);
    this.#objects.push({
      key,
      records: records.length,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
  }

  /** Writes `_manifest.json` last and returns it. A batch with no records still gets a manifest. */
  async commit(metadata: Record<string, unknown> = {}): Promise<LandingManifest> {
    await this.#start();
    const manifest: LandingManifest = {
      version: 1,
      dataset: this.#options.dataset,
      run_id: this.#options.runId,
      ingest_date: this.#ingestDate,
      created_at: new Date().toISOString(),
      sequence: commitSequence(),
      record_count: this.recordCount,
      objects: [...this.#objects],
      metadata,
    };
    await this.#store.put(`${this.prefix}${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + '\n');
    this.#committed = true;
    return manifest;
  }
}

/**
 * Writes `records` as one landing batch in parts of `recordsPerPart` (default 10,000) and commits it.
 * Accepts any (async) iterable, so a caller can stream records without holding them all.
 */
export async function writeLandingBatch(
  store: ObjectStore,
  options: LandingBatchOptions & {
    records: Iterable<unknown> | AsyncIterable<unknown>;
    recordsPerPart?: number;
    metadata?: Record<string, unknown>;
  },
): Promise<LandingManifest> {
  const writer = new LandingBatchWriter(store, options);
  const size = options.recordsPerPart ?? 10_000;
  let part: unknown[] = [];
  for await (const r of options.records) {
    part.push(r);
    if (part.length >= size) {
      await writer.writePart(part);
      part = [];
    }
  }
  await writer.writePart(part);
  return writer.commit(options.metadata);
}
