import { readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { readLandedBatch, type ReadLandedOptions } from '../landing/landed-records.js';
import { FILES_DATASETS } from './constants.js';

/** What became of a file taken from the inbox. */
export type InboxOutcome =
  /** Its activities landed. */
  | 'landed'
  /** A Strava export (archive or folder): landed by the export importer. */
  | 'export'
  /** An archive: its entries are ledger rows of their own. */
  | 'archive'
  /** Read, but holds no activity (a FIT monitoring, weight-scale or settings file). */
  | 'skipped'
  /** Unreadable: copied to `quarantine/files/<run>/` with the reason. */
  | 'quarantined'
  /** Taken by a registered handler (e.g. heart-rate Takeout JSON). */
  | 'handled'
  /** Not a file any importer reads (a README, a photo). */
  | 'ignored';

/** One row of the inbox ledger (`files/inbox_ledger`): a file taken, once, by content. */
export interface InboxLedgerRecord {
  /** sha256 of the file's bytes (hex): a renamed copy has the same and is not taken again. */
  readonly sha256: string;
  /** Name in the inbox; inside an archive `archive.zip!entry/name.fit`. */
  readonly name: string;
  readonly size_bytes: number;
  /** ISO instant the run took it. */
  readonly taken_at: string;
  readonly run_id: string;
  readonly outcome: InboxOutcome;
  /** Why it was quarantined or skipped (`FIT file type monitoring_b`), or the handler's name. */
  readonly reason: string | null;
  /** The activity ids landed from it. */
  readonly activity_ids: readonly number[];
}

/**
 * The sha256 of every file the inbox has taken, read from the committed `files/inbox_ledger`
 * batches of the landing zone (the ledger is the landing zone itself, in S3 as locally).
 */
export async function readInboxLedger(
  landing: ObjectStore,
  options: ReadLandedOptions = {},
): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const manifest of await readLandingManifests(landing, FILES_DATASETS.ledger))
    for await (const row of readLandedBatch(landing, manifest, options))
      if (typeof row.sha256 === 'string') taken.add(row.sha256);
  return taken;
}
