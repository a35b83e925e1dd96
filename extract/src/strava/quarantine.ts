import { LandingBatchWriter, type ObjectStore } from '@voyager/orchestration';
import type { z } from 'zod';
import { DATASETS } from './constants.js';

/** One record that failed validation, as landed in `strava/quarantine`. */
export interface QuarantinedRecord {
  /** The dataset the record was meant for, e.g. `strava/activities`. */
  readonly dataset: string;
  /** Why it was refused: the zod issues, `path: message; ...`. */
  readonly reason: string;
  /** The record exactly as received. */
  readonly record: unknown;
  readonly run_id: string;
  /** ISO instant. */
  readonly detected_at: string;
}

/**
 * Collects records that fail their schema so a run never dies of one bad record. `flush` lands
 * them as one `strava/quarantine` batch (the load package puts them in `raw.rejected_rows`).
 */
export class Quarantine {
  readonly records: QuarantinedRecord[] = [];
  constructor(private readonly runId: string) {}

  /** Returns the parsed record, or `undefined` after quarantining it with its reason. */
  check<S extends z.ZodType>(schema: S, dataset: string, record: unknown): z.infer<S> | undefined {
    const parsed = schema.safeParse(record);
    if (parsed.success) return record as z.infer<S>;
    const reason = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    this.records.push({ dataset, reason, record, run_id: this.runId, detected_at: new Date().toISOString() });
    return undefined;
  }

  /** Lands the quarantined records (if any) as a `strava/quarantine` batch; returns how many. */
  async flush(landing: ObjectStore, source: string): Promise<number> {
    if (this.records.length === 0) return 0;
    const writer = new LandingBatchWriter(landing, {
      dataset: DATASETS.quarantine,
      runId: `${this.runId}-${source.replaceAll('/', '_')}`,
    });
    await writer.writePart(this.records);
    await writer.commit({ source });
    return this.records.length;
  }
}
