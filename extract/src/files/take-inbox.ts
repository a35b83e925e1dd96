import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { ImportSummary, ObjectStore } from '@voyager/orchestration';
import type { Logger } from 'pino';
import { openStoreArchive, openZipFile, type ExportArchive } from '../bulk-export/export-archive.js';
import { importStravaExport } from '../bulk-export/import-strava-export.js';
import { ArchiveSpool, type SpooledFile } from './archive-spool.js';
import { MAX_OTHER_FILE_BYTES, readCapped } from './capped-read.js';
import { ACTIVITY_FILE, ARCHIVE_FILE, FOREIGN_INBOX_FOLDERS, MAX_ARCHIVE_DEPTH } from './constants.js';
import { DeviceFileLanding, type DeviceFileCounts } from './device-file-landing.js';
import type { InboxFileHandler } from './inbox-handler.js';
import { readInboxLedger, type InboxLedgerRecord } from './inbox-ledger.js';
import { DeviceFileError, parseDeviceFile } from './parse-device-file.js';

/** Options of {@link takeInbox}. */
export interface TakeInboxOptions {
  readonly landing: ObjectStore;
  readonly runId: string;
  readonly log: Logger;
  /** Other sources' importers dispatched from the inbox (heart-rate Takeout JSON...). */
  readonly handlers?: readonly InboxFileHandler[];
  /** Keys of the inbox store to take; default every key but hidden files and the foreign folders. */
  readonly keys?: readonly string[];
  /** Most bytes of a file that is not an activity file or archive read into memory; default {@link MAX_OTHER_FILE_BYTES}. */
  readonly maxOtherFileBytes?: number;
}

/** What one pass over the inbox did. */
export interface InboxSummary {
  readonly counts: DeviceFileCounts;
  /** The ledger rows written (one per file taken, archive entries included). */
  readonly ledger: readonly InboxLedgerRecord[];
  /** The summary of each Strava export found. */
  readonly exports: readonly ImportSummary[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const hidden = (key: string) => key.split('/').some((s) => s.startsWith('.') || s === '__MACOSX');
const csvOf = (names: Iterable<string>) =>
  [...names].filter((n) => posix.basename(n) === 'activities.csv').sort((a, b) => a.length - b.length)[0];

/**
 * Takes every file of the inbox it has not taken before (by sha256, from the ledger in the
 * landing zone): FIT/GPX/TCX files (maybe `.gz`) land as activities, streams and file details;
 * zips are streamed to a temporary file and read from there entry by entry, never whole into
 * memory (nested ones too, as in Garmin's export); a Strava export (a folder or zip
 * with `activities.csv`) goes to the export importer; a FIT file that is not an activity is
 * skipped with its type; an unreadable file is quarantined with its reason and the pass goes on;
 * files a handler matches go to it. Any other file over `maxOtherFileBytes` (64 MiB: an export's
 * videos) is hashed by stream and ledgered as ignored, never read whole. Nothing in the inbox is
 * ever changed or deleted.
 */
export async function takeInbox(inbox: ObjectStore, options: TakeInboxOptions): Promise<InboxSummary> {
  const { landing, runId, log } = options;
  const handlers = options.handlers ?? [];
  const maxOther = options.maxOtherFileBytes ?? MAX_OTHER_FILE_BYTES;
  const known = await readInboxLedger(landing, {
    onBadLine: (bad) => log.warn(bad, `skipped line ${bad.line} of ledger object ${bad.key}: ${bad.reason}`),
  });
  const out = new DeviceFileLanding(landing, runId);
  const exports: ImportSummary[] = [];
  const keys = (options.keys ?? (await inbox.list('')).map((o) => o.key)).filter(
    (k) => !hidden(k) && !FOREIGN_INBOX_FOLDERS.some((f) => k.startsWith(f)),
  );

  const landExport = async (name: string, archive: ExportArchive) => {
    const summary = await importStravaExport(archive, {
      path: name,
      landing,
      runId: `${runId}-export-${exports.length + 1}`,
      log,
    });
    exports.push(summary);
    out.counts.exports++;
    return summary;
  };

  // a zip is streamed to a temporary file (hashed on the way) and read from disk entry by entry
  const spool = new ArchiveSpool();
  const takeArchive = async (name: string, zipFile: SpooledFile, depth: number): Promise<void> => {
    const file = { name, sha256: zipFile.sha256, size: zipFile.size };
    if (known.has(file.sha256)) {
      out.counts.files_known++;
      return;
    }
    known.add(file.sha256);
    const bytes = () => createReadStream(zipFile.path);
    if (depth >= MAX_ARCHIVE_DEPTH)
      return refuse(file, bytes(), `archives nested deeper than ${MAX_ARCHIVE_DEPTH}`);
    let archive: ExportArchive;
    try {
      archive = await openZipFile(name, zipFile.path);
    } catch (error) {
      return refuse(file, bytes(), `not a readable zip (${(error as Error).message})`);
    }
    try {
      if (csvOf(archive.names)) {
        const summary = await landExport(name, archive);
        return out.record(file, 'export', `Strava export: ${String(summary.metadata.new)} new activities`);
      }
      const entries = [...archive.names].filter((n) => !hidden(n)).sort();
      for (const entry of entries) {
        const entryName = `${name}!${entry}`;
        if (ARCHIVE_FILE.test(entry)) await spooled(entryName, (await archive.stream(entry))!, depth + 1);
        else if (ACTIVITY_FILE.test(entry)) await take(entryName, (await archive.read(entry))!);
        else await takeOther(entryName, (await archive.stream(entry))!);
      }
      return out.record(file, 'archive', `${entries.length} entries`);
    } finally {
      await archive.close();
    }
  };
  const spooled = async (name: string, source: Readable, depth: number): Promise<void> => {
    const zipFile = await spool.spool(source);
    try {
      await takeArchive(name, zipFile, depth);
    } finally {
      await spool.release(zipFile);
    }
  };

  const take = async (name: string, bytes: Buffer): Promise<void> => {
    const file = { name, sha256: sha256(bytes), size: bytes.length };
    if (known.has(file.sha256)) {
      out.counts.files_known++;
      return;
    }
    known.add(file.sha256);
    if (ACTIVITY_FILE.test(name)) {
      try {
        const parsed = await parseDeviceFile(name, bytes);
        if (parsed.kind === 'skipped') {
          out.counts.skipped++;
          log.info(
            { file: name, fileType: parsed.fileType },
            `skipped ${name}: a FIT ${parsed.fileType} file, not an activity`,
          );
          return out.record(file, 'skipped', `FIT file type ${parsed.fileType}, not an activity`);
        }
        return out.record(file, 'landed', null, await out.land(file, parsed.activities));
      } catch (error) {
        if (!(error instanceof DeviceFileError)) throw error;
        return refuse(file, bytes, error.reason);
      }
    }
    const handler = handlers.find((h) => h.matches(name, bytes));
    if (handler) {
      const result = await handler.take({ name, bytes, sha256: file.sha256 }, { landing, runId, log });
      if (result.outcome === 'quarantined') return refuse(file, bytes, `${handler.name}: ${result.reason}`);
      out.counts[result.outcome]++;
      return out.record(file, result.outcome, `${handler.name}: ${result.reason}`);
    }
    out.counts.ignored++;
    out.record(file, 'ignored', 'not a FIT, GPX, TCX file or archive');
  };

  // neither an activity file nor an archive: read whole only up to the cap (for the handlers)
  const takeOther = async (name: string, source: Readable): Promise<void> => {
    const read = await readCapped(source, maxOther);
    if (read.bytes) return take(name, read.bytes);
    const file = { name, sha256: read.sha256, size: read.size };
    if (known.has(file.sha256)) {
      out.counts.files_known++;
      return;
    }
    known.add(file.sha256);
    out.counts.ignored++;
    out.record(
      file,
      'ignored',
      `not a FIT, GPX, TCX file or archive, over ${maxOther} bytes: hashed, not read`,
    );
  };

  const refuse = async (
    file: { name: string; sha256: string; size: number },
    bytes: Buffer | Readable,
    reason: string,
  ) => {
    const key = await out.quarantine(file.name, bytes);
    log.warn({ file: file.name, quarantine: key }, `quarantined ${file.name}: ${reason}`);
    out.record(file, 'quarantined', reason);
  };

  // unpacked Strava exports: a folder holding activities.csv is imported as a whole
  const roots = keys
    .filter((k) => posix.basename(k) === 'activities.csv')
    .map((k) => k.slice(0, -'activities.csv'.length));
  for (const root of roots) {
    const csv = await inbox.get(`${root}activities.csv`);
    const file = { name: `${root}activities.csv`, sha256: sha256(csv), size: csv.length };
    if (known.has(file.sha256)) {
      out.counts.files_known++;
      continue;
    }
    known.add(file.sha256);
    const summary = await landExport(root || inbox.url, await openStoreArchive(inbox, root));
    out.record(file, 'export', `Strava export: ${String(summary.metadata.new)} new activities`);
  }
  try {
    for (const key of keys) {
      if (roots.some((r) => key.startsWith(r))) continue;
      if (ARCHIVE_FILE.test(key)) await spooled(key, await inbox.getStream(key), 0);
      else if (ACTIVITY_FILE.test(key)) await take(key, await inbox.get(key));
      else await takeOther(key, await inbox.getStream(key));
    }
  } finally {
    await spool.close();
  }
  for (const h of handlers) await h.flush?.({ landing, runId, log });
  await out.commit(inbox.url);
  return { counts: out.counts, ledger: out.ledger, exports };
}
