import type { ObjectStore } from '@voyager/orchestration';
import type { Logger } from 'pino';

/** A file of the inbox handed to an {@link InboxFileHandler}. */
export interface InboxFile {
  /** Name in the inbox (`archive.zip!entry` inside an archive). */
  readonly name: string;
  readonly bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  readonly sha256: string;
}

/** Where a handler lands what it reads. */
export interface InboxHandlerContext {
  readonly landing: ObjectStore;
  /** The run's id: a handler's landing batches should use `${runId}-<handler>` so they never clash. */
  readonly runId: string;
  readonly log: Logger;
}

/** A handler's verdict on one file, recorded in the inbox ledger. */
export interface InboxHandlerResult {
  readonly outcome: 'handled' | 'skipped' | 'quarantined';
  /** One line: what it landed, or why it skipped or refused the file. */
  readonly reason: string;
}

/**
 * The hook through which another source's importer (heart-rate Takeout JSON, ...) is dispatched
 * from the activity-file inbox: the inbox takes each file once (by sha256, ledger and all) and
 * hands the files `matches` accepts to `take`. `flush` runs once after every file, to commit
 * batched landing writes.
 */
export interface InboxFileHandler {
  /** kebab-case, recorded as the ledger reason, e.g. `heart-rate-takeout`. */
  readonly name: string;
  /** Whether this handler reads the file (by name; `bytes` for a sniff). */
  matches(name: string, bytes: Buffer): boolean;
  take(file: InboxFile, ctx: InboxHandlerContext): Promise<InboxHandlerResult>;
  flush?(ctx: InboxHandlerContext): Promise<void>;
}
