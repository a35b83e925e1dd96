import { z } from 'zod';

/** One data object of a landing batch. */
export const LandingObject = z.object({
  /** Full landing key, e.g. `strava/activities/ingest_date=2025-10-20/run=r1/part-00001.ndjson.gz`. */
  key: z.string().min(1),
  /** NDJSON lines (records) in the object. */
  records: z.number().int().nonnegative(),
  /** Size of the stored (gzipped) object in bytes. */
  bytes: z.number().int().nonnegative(),
  /** Hex sha256 of the stored bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type LandingObject = z.infer<typeof LandingObject>;

/**
 * `_manifest.json` of a landing batch, written last: a batch without it is incomplete and is
 * never loaded (DESIGN.md, "Storage contracts").
 */
export const LandingManifest = z.object({
  version: z.literal(1),
  /** Dataset path, e.g. `strava/activities`. */
  dataset: z.string().min(1),
  run_id: z.string().min(1),
  /** `YYYY-MM-DD` (UTC date of the run, or the partition's date). */
  ingest_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** ISO instant the batch was committed. */
  created_at: z.string(),
  /**
   * Commit sequence: microseconds since the epoch, raised past the last sequence this process
   * committed, so two commits in one millisecond keep their order (`commit-sequence.ts`).
   * Absent in manifests written before it existed: `created_at` stands in.
   */
  sequence: z.number().int().nonnegative().optional(),
  record_count: z.number().int().nonnegative(),
  objects: z.array(LandingObject),
  /** Free-form facts of the writer (cursor used, pages, quarantined records...). */
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type LandingManifest = z.infer<typeof LandingManifest>;

/** A manifest with the key it was read from. */
export interface StoredLandingManifest extends LandingManifest {
  readonly manifestKey: string;
}

/** `<dataset>/ingest_date=<date>/run=<runId>/` */
export function landingBatchPrefix(dataset: string, ingestDate: string, runId: string): string {
  return `${dataset}/ingest_date=${ingestDate}/run=${safeRunId(runId)}/`;
}

/** Run ids become path segments: anything outside `[A-Za-z0-9._-]` is replaced by `_` (Airflow ids hold `:` and `+`). */
export function safeRunId(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Name of the manifest object inside a batch prefix. */
export const MANIFEST_FILE = '_manifest.json';
