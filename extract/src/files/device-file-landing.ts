import type { Readable } from 'node:stream';
import { LandingBatchWriter, type ObjectStore } from '@voyager/orchestration';
import { DATASETS } from '../strava/constants.js';
import { FILES_DATASETS, STREAM_ACTIVITIES_PER_PART } from './constants.js';
import type { FileActivity } from './file-activity.js';
import { fileActivityId, toActivityRecord, toFileDetailRecord } from './file-activity-records.js';
import type { InboxLedgerRecord } from './inbox-ledger.js';

/** Counts of one inbox run, returned as materialization metadata. */
export interface DeviceFileCounts {
  files_taken: number;
  files_known: number;
  activities: number;
  skipped: number;
  quarantined: number;
  ignored: number;
  exports: number;
  handled: number;
}

/**
 * The landing batches of one inbox run: `strava/activities` (summaries), `strava/activity_streams`
 * (points, `source: fit|gpx|tcx`), `files/activities` (device, sensors, lengths, developer
 * fields) and, committed last, `files/inbox_ledger`. Batches use the run id suffixed `-files`, so
 * an API asset or an export landed in the same run keeps its own batch.
 */
export class DeviceFileLanding {
  readonly counts: DeviceFileCounts = {
    files_taken: 0,
    files_known: 0,
    activities: 0,
    skipped: 0,
    quarantined: 0,
    ignored: 0,
    exports: 0,
    handled: 0,
  };
  readonly ledger: InboxLedgerRecord[] = [];
  readonly #landing: ObjectStore;
  readonly #runId: string;
  readonly #activities: LandingBatchWriter;
  readonly #streams: LandingBatchWriter;
  readonly #details: LandingBatchWriter;
  readonly #takenAt = new Date().toISOString();
  #streamPart: unknown[] = [];
  readonly #activityRecords: unknown[] = [];
  readonly #detailRecords: unknown[] = [];

  constructor(landing: ObjectStore, runId: string) {
    this.#landing = landing;
    this.#runId = runId;
    const batch = (dataset: string) => new LandingBatchWriter(landing, { dataset, runId: `${runId}-files` });
    this.#activities = batch(DATASETS.activities);
    this.#streams = batch(DATASETS.activityStreams);
    this.#details = batch(FILES_DATASETS.activities);
  }

  /** Records a taken file in the ledger. */
  record(
    file: { name: string; sha256: string; size: number },
    outcome: InboxLedgerRecord['outcome'],
    reason: string | null,
    ids: number[] = [],
  ): void {
    this.counts.files_taken++;
    this.ledger.push({
      sha256: file.sha256,
      name: file.name,
      size_bytes: file.size,
      taken_at: this.#takenAt,
      run_id: this.#runId,
      outcome,
      reason,
      activity_ids: ids,
    });
  }

  /** Lands a device file's activities; returns their ids. */
  async land(file: { name: string; sha256: string }, activities: readonly FileActivity[]): Promise<number[]> {
    const ids: number[] = [];
    for (const a of activities) {
      const id = fileActivityId(file.sha256, a.session_index);
      ids.push(id);
      this.#activityRecords.push(toActivityRecord(a, id, file.name));
      this.#detailRecords.push(toFileDetailRecord(a, id, file, this.#takenAt));
      if (Object.keys(a.streams).length > 0)
        this.#streamPart.push({ activity_id: id, synthetic: false, source: a.format, streams: a.streams });
      if (this.#streamPart.length >= STREAM_ACTIVITIES_PER_PART) {
        await this.#streams.writePart(this.#streamPart);
        this.#streamPart = [];
      }
    }
    this.counts.activities += ids.length;
    return ids;
  }

  /** Copies an unreadable file to `quarantine/files/<run>/<name>` in the landing zone. */
  async quarantine(name: string, bytes: Buffer | Readable): Promise<string> {
    const key = `quarantine/files/${this.#runId}/${name.replace(/[!:\\]/g, '/').replace(/\.\.+/g, '.')}`;
    await this.#landing.put(key, bytes);
    this.counts.quarantined++;
    return key;
  }

  /**
   * Commits the data batches that hold records, then the ledger (so a crash before it re-takes
   * the files, harmlessly: every load is an upsert). A run that took nothing writes nothing.
   */
  async commit(inbox: string): Promise<void> {
    if (this.ledger.length === 0) return;
    const ids = (this.#detailRecords as { activity_id: number }[]).map((r) => r.activity_id);
    if (ids.length > 0) {
      await this.#activities.writePart(this.#activityRecords);
      await this.#activities.commit({ source: 'files', inbox, new: ids.length });
      await this.#streams.writePart(this.#streamPart);
      await this.#streams.commit({ source: 'files', activity_ids: ids });
      await this.#details.writePart(this.#detailRecords);
      await this.#details.commit({ source: 'files', inbox });
    }
    const ledger = new LandingBatchWriter(this.#landing, {
      dataset: FILES_DATASETS.ledger,
      runId: `${this.#runId}-files`,
    });
    await ledger.writePart(this.ledger);
    await ledger.commit({ inbox, ...this.counts });
  }
}
