import type { ImporterDefinition } from '@voyager/orchestration';
import { importLiftingFiles } from './import-lifting-files.js';
import { listLiftingFiles } from './lifting-files.js';

/**
 * `voyager import lifting <file-or-folder>`: a Strong or Hevy CSV export or an .xlsx lifting log
 * (or a folder of them) into the landing dataset `lifting/sets`; `raw/lifting_sets` and the
 * lifting marts take it from there. Re-importing a file replaces each of its workouts' sets.
 */
export const liftingImporter: ImporterDefinition = {
  name: 'lifting',
  description: 'Import a lifting log: Strong / Hevy CSV export or an .xlsx workbook (file or folder)',
  async run(ctx) {
    const files = await listLiftingFiles(ctx.path);
    if (files.length === 0) throw new Error(`no .csv or .xlsx lifting log at ${ctx.path}`);
    const summaries = await importLiftingFiles(files, ctx);
    const total = (k: 'sets' | 'workouts' | 'problems') => summaries.reduce((n, s) => n + s[k], 0);
    ctx.log.info({ files: summaries.length, sets: total('sets') }, 'lifting log imported');
    return {
      lines: summaries.map((s) =>
        s.error
          ? `${s.file}: quarantined (${s.error})`
          : `${s.file}: ${s.sets} sets, ${s.workouts} workouts, ${s.exercises} exercises, ${s.problems} to reject`,
      ),
      metadata: {
        files: summaries.map((s) => ({ ...s })),
        sets: total('sets'),
        workouts: total('workouts'),
        problems: total('problems'),
      },
    };
  },
};
