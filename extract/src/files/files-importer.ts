import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { LocalObjectStore, type ImporterDefinition } from '@voyager/orchestration';
import type { InboxFileHandler } from './inbox-handler.js';
import { takeInbox, type InboxSummary } from './take-inbox.js';

/** Thrown when `voyager import <path>` names nothing readable (the CLI exits 2). */
export class InboxPathError extends Error {
  readonly usage = true;
  constructor(readonly path: string) {
    super(`cannot import ${path}: no such file or folder`);
    this.name = 'InboxPathError';
  }
}

/** Summary lines of an inbox pass, for the CLI. */
export function inboxLines(summary: InboxSummary): string[] {
  const c = summary.counts;
  return [
    `files taken: ${c.files_taken} (already taken before: ${c.files_known})`,
    `activities landed: ${c.activities}`,
    `Strava exports: ${c.exports}`,
    ...summary.exports.flatMap((e) => e.lines.map((l) => `  ${l}`)),
    `skipped (not activities): ${c.skipped}`,
    `quarantined: ${c.quarantined}`,
    ...summary.ledger
      .filter((r) => r.outcome === 'quarantined')
      .slice(0, 5)
      .map((r) => `  ${r.name}: ${r.reason}`),
    `ignored: ${c.ignored}`,
  ];
}

/**
 * `voyager import <path>` (also `voyager import files <path>`): a one-off file, folder or
 * archive through the same path as the inbox asset, sharing its ledger, so a file imported by
 * hand is not taken again from the inbox (and the reverse).
 */
export function createFilesImporter(handlers: readonly InboxFileHandler[] = []): ImporterDefinition {
  return {
    name: 'files',
    description:
      'Import activity files: FIT/GPX/TCX (maybe .gz), zips, Strava or Garmin export archives (file or folder)',
    async run(ctx) {
      const info = await stat(ctx.path).catch(() => undefined);
      if (!info) throw new InboxPathError(ctx.path);
      const store = new LocalObjectStore(info.isDirectory() ? ctx.path : dirname(ctx.path));
      const summary = await takeInbox(store, {
        landing: ctx.landing,
        runId: ctx.runId,
        log: ctx.log,
        handlers,
        ...(info.isDirectory() ? {} : { keys: [basename(ctx.path)] }),
      });
      return {
        lines: inboxLines(summary),
        metadata: {
          ...summary.counts,
          ledger: summary.ledger.map((r) => ({ ...r, activity_ids: [...r.activity_ids] })),
        },
      };
    },
  };
}

/** The files importer without extra handlers. */
export const filesImporter = createFilesImporter();
