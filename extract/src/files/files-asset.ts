import { asset, openObjectStore, type AssetDefinition, type MaterializeResult } from '@voyager/orchestration';
import { filesInboxUrl } from './files-environment.js';
import type { InboxFileHandler } from './inbox-handler.js';
import { takeInbox } from './take-inbox.js';

/** Options of {@link createFilesInboxAsset}. */
export interface FilesInboxOptions {
  /** Other sources' importers the inbox dispatches files to (e.g. heart-rate Takeout JSON). */
  readonly handlers?: readonly InboxFileHandler[];
}

/**
 * `landing/files/activities` (group `files`): takes the activity files dropped in the inbox
 * (`VOYAGER_INBOX_URL`, default `.voyager/inbox`; a folder or `s3://bucket/prefix/`) that it has
 * not taken before, by content, and lands their activities in `strava/activities` and
 * `strava/activity_streams` (marked `fit`/`gpx`/`tcx`), their device detail in `files/activities`
 * and one ledger row per file in `files/inbox_ledger`. The inbox's `lifting/` folder belongs to
 * `landing/lifting/sets`.
 */
export function createFilesInboxAsset(options: FilesInboxOptions = {}): AssetDefinition {
  return asset({
    key: 'landing/files/activities',
    description:
      'Activities of the FIT/GPX/TCX files, zips and exports dropped in the inbox, each file taken once by content; unreadable files quarantined',
    image: 'extract',
    group: 'files',
    retry: { maxAttempts: 2, backoffSeconds: 2 },
    async materialize(ctx): Promise<MaterializeResult> {
      const url = filesInboxUrl(ctx.projectDir, ctx.env);
      const inbox = openObjectStore(url, ctx.env);
      const summary = await takeInbox(inbox, {
        ...ctx,
        ...(options.handlers ? { handlers: options.handlers } : {}),
      });
      ctx.log.info({ inbox: url, ...summary.counts }, 'inbox taken');
      return { metadata: { inbox: url, ...summary.counts } };
    },
  });
}

/** `landing/files/activities` without extra handlers. */
export const filesInboxAsset = createFilesInboxAsset();
