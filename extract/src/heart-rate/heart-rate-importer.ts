import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImporterDefinition } from '@voyager/orchestration';
import { importHeartRateFiles } from './import-heart-rate-files.js';
import { hourKey } from './series.js';

/** The `.csv` and `.json` files at `path` (a file, or a folder searched recursively), sorted. */
export async function listHeartRateFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = await readdir(path, { recursive: true });
  return names
    .filter((n) => /\.(csv|json)$/i.test(n))
    .map((n) => join(path, n))
    .sort();
}

/**
 * `voyager import heart-rate <file-or-folder>`: Fitabase CSV exports and Google Takeout Fitbit
 * `heart_rate-*.json` files into the landing zone (see {@link importHeartRateFiles}). The samples
 * land in hourly partitions; the next run without `--partition` (`npm start`) loads them, as
 * `raw/heart_rate_samples` catches up every landed hour the ledger has not loaded; the summary
 * also gives the backfill command that loads just these hours.
 */
export const heartRateImporter: ImporterDefinition = {
  name: 'heart-rate',
  description:
    'Import heart rate: Fitabase CSV exports, Google Takeout Fitbit heart_rate-*.json (file or folder)',
  async run(ctx) {
    const paths = await listHeartRateFiles(ctx.path);
    if (paths.length === 0) throw new Error(`no .csv or .json heart-rate file at ${ctx.path}`);
    const result = await importHeartRateFiles(paths, ctx);
    const first = result.hours[0];
    const last = result.hours.at(-1);
    // --to ends the half-open range [from, to): the hour after the last one that got samples
    const backfill =
      first && last
        ? `voyager materialize --select raw/heart_rate_samples+ --from ${first} --to ${hourKey(Date.parse(`${last}Z`) + 3_600_000)}`
        : undefined;
    ctx.log.info(
      { files: result.files.length, samples: result.samples, hours: result.hours.length },
      'heart rate imported',
    );
    return {
      lines: [
        ...result.files.map((f) =>
          f.note
            ? `${f.file}: ${f.kind} (${f.note})`
            : `${f.file}: ${f.kind}, ${f.samples || f.records} ${f.samples ? 'samples' : 'rows'}, ${f.problems} to reject`,
        ),
        ...(backfill
          ? [
              `${result.samples} samples in ${result.hours.length} hourly partitions (${first}..${last}); the next run without --partition (npm start, voyager materialize) loads them, or now only them: ${backfill}`,
            ]
          : []),
      ],
      metadata: {
        files: result.files.map((f) => ({ ...f })),
        samples: result.samples,
        hours: result.hours.length,
        first_hour: first ?? null,
        last_hour: last ?? null,
        backfill_command: backfill ?? null,
      },
    };
  },
};
