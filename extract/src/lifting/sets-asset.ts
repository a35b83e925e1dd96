import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { asset, type MaterializeResult } from '@voyager/orchestration';
import { SAMPLE_LOG_FILE } from './constants.js';
import { importLiftingFiles } from './import-lifting-files.js';
import { liftingInbox } from './lifting-environment.js';
import { listLiftingFiles } from './lifting-files.js';
import { generateSampleStrongCsv } from './sample-log.js';

/** The asset's cursor: sha256 of every inbox file already landed, by file name. */
type LandedFiles = Record<string, string>;

/**
 * `landing/lifting/sets`: lands the lifting logs in the inbox (`VOYAGER_LIFTING_INBOX`, default
 * `$VOYAGER_HOME/inbox/lifting`) as `lifting/sets`, one record per set. Files whose content was
 * landed before (sha256 in the asset's state) are skipped. An empty default inbox first gets
 * Voyager's generated sample log (`strong-sample.csv`), so `npm start` fills the lifting group.
 */
export const liftingSets = asset({
  key: 'landing/lifting/sets',
  description:
    'One record per set of every lifting log in the inbox (Strong / Hevy CSV, .xlsx), weights in kg; new or changed files only',
  image: 'extract',
  group: 'lifting',
  retry: { maxAttempts: 2, backoffSeconds: 2 },
  async materialize(ctx): Promise<MaterializeResult> {
    const { inbox, isDefault } = liftingInbox(ctx.projectDir, ctx.env);
    let files = await listLiftingFiles(inbox);
    if (files.length === 0 && isDefault) {
      await mkdir(inbox, { recursive: true });
      await writeFile(join(inbox, SAMPLE_LOG_FILE), generateSampleStrongCsv());
      files = await listLiftingFiles(inbox);
      ctx.log.info({ inbox }, 'empty lifting inbox: wrote the generated sample log');
    }
    const landed = (await ctx.state.get<LandedFiles>()) ?? {};
    const hashes = new Map<string, string>();
    for (const f of files)
      hashes.set(
        f,
        createHash('sha256')
          .update(await readFile(f))
          .digest('hex'),
      );
    const fresh = files.filter((f) => landed[basename(f)] !== hashes.get(f));
    const summaries = fresh.length > 0 ? await importLiftingFiles(fresh, ctx) : [];
    for (const f of fresh) landed[basename(f)] = hashes.get(f)!;
    await ctx.state.set(landed);
    return {
      metadata: {
        inbox,
        files: files.length,
        files_landed: fresh.length,
        sets: summaries.reduce((n, s) => n + s.sets, 0),
        quarantined: summaries.filter((s) => s.error).length,
      },
    };
  },
});

/** The lifting extract assets. */
export const liftingExtractAssets = Object.freeze({ sets: liftingSets });
