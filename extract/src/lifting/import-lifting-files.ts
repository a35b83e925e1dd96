import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LandingBatchWriter, type ObjectStore } from '@voyager/orchestration';
import type { Logger } from 'pino';
import { LIFTING_DATASETS } from './constants.js';
import { LiftingFileError, parseLiftingFile } from './lifting-file.js';

/** Per-file outcome of {@link importLiftingFiles}. */
export interface LiftingFileSummary {
  readonly file: string;
  readonly sets: number;
  readonly workouts: number;
  readonly exercises: number;
  /** Sets landed with a `problem` (load rejects them with it). */
  readonly problems: number;
  /** Why the file was quarantined instead, when it was. */
  readonly error?: string;
}

/** Options of {@link importLiftingFiles}. */
export interface ImportLiftingOptions {
  readonly landing: ObjectStore;
  readonly runId: string;
  readonly log: Logger;
}

/**
 * Parses lifting-log files (Strong / Hevy CSV, .xlsx) and lands all their sets as one batch of
 * `lifting/sets`. A file no parser reads is copied to `quarantine/lifting/<runId>/<file>` in the
 * landing zone and reported; the others still land. Landing the same file again is harmless:
 * load replaces each workout's sets by its key.
 * @returns one summary per file, in the order given.
 */
export async function importLiftingFiles(
  paths: readonly string[],
  options: ImportLiftingOptions,
): Promise<LiftingFileSummary[]> {
  const batch = new LandingBatchWriter(options.landing, {
    dataset: LIFTING_DATASETS.sets,
    runId: options.runId,
  });
  const summaries: LiftingFileSummary[] = [];
  for (const path of paths) {
    const bytes = await readFile(path);
    try {
      const sets = await parseLiftingFile(path, bytes);
      await batch.writePart(sets);
      summaries.push({
        file: basename(path),
        sets: sets.length,
        workouts: new Set(sets.map((s) => s.workout_id)).size,
        exercises: new Set(sets.map((s) => s.exercise_name)).size,
        problems: sets.filter((s) => s.problem !== null).length,
      });
    } catch (error) {
      if (!(error instanceof LiftingFileError)) throw error;
      await options.landing.put(`quarantine/lifting/${options.runId}/${basename(path)}`, bytes);
      options.log.warn({ file: basename(path) }, error.message);
      summaries.push({
        file: basename(path),
        sets: 0,
        workouts: 0,
        exercises: 0,
        problems: 0,
        error: error.message,
      });
    }
  }
  await batch.commit({ source: 'lifting_import', files: summaries.map((s) => s.file) });
  return summaries;
}
