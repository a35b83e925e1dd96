import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { writeLandingBatch, type ObjectStore } from '@voyager/orchestration';
import type { Logger } from 'pino';
import { FITABASE_DATASETS } from './constants.js';
import { parseFitabaseCsv, type ProblemRow } from './fitabase-files.js';
import type { HeartRateSample, HeartRateSeries } from './schemas.js';
import { groupSeries, hourKey, landHeartRateSeries } from './series.js';
import { parseTakeoutHeartRate, TAKEOUT_HEART_RATE_FILE } from './takeout-file.js';

/** Per-file outcome of {@link importHeartRateFiles}. */
export interface HeartRateFileSummary {
  readonly file: string;
  /** `heart_rate` (Fitabase seconds), `fitbit_takeout`, `daily_activity`, `sleep_days`, `weight_logs` or `skipped`. */
  readonly kind: string;
  readonly samples: number;
  readonly records: number;
  /** Rows landed with a problem: load puts them in `raw.rejected_rows` with it. */
  readonly problems: number;
  /** Why it was skipped or quarantined. */
  readonly note?: string;
}

/** What {@link importHeartRateFiles} landed. */
export interface HeartRateImport {
  readonly files: HeartRateFileSummary[];
  /** Hourly partitions that got samples, ascending: backfill them to load (`--from first --to <the hour after last>`: ranges are `[from, to)`). */
  readonly hours: string[];
  readonly samples: number;
}

const HOUR_MS = 3_600_000;

/**
 * Lands heart-rate files: Fitabase CSV exports (per-second heart rate, daily activity, sleep
 * days, weight logs; other Fitabase tables are skipped with a note) and Google Takeout Fitbit
 * `heart_rate-YYYY-MM-DD.json` files. Samples land per UTC hour in `heart_rate/samples/hour=<h>/`
 * (one series per source, device and hour), the daily tables in `fitabase/*`. A heart-rate row
 * that cannot be read lands beside the samples of its file's first hour with its reason, so load
 * rejects it into `raw.rejected_rows`; a file that is neither kind is skipped; a file that does
 * not parse at all is copied to `quarantine/heart_rate/<run>/`. The inbox calls this too.
 */
export async function importHeartRateFiles(
  paths: readonly string[],
  options: { readonly landing: ObjectStore; readonly runId: string; readonly log: Logger },
): Promise<HeartRateImport> {
  const samples: HeartRateSample[] = [];
  const problemsByHour = new Map<number, Record<string, unknown>[]>();
  const daily = new Map<keyof typeof FITABASE_DATASETS, Record<string, unknown>[]>();
  const files: HeartRateFileSummary[] = [];
  const keepProblems = (file: string, fileSamples: HeartRateSample[], problems: ProblemRow[]) => {
    if (problems.length === 0) return;
    const first = fileSamples[0]?.at ?? 0;
    const hour = Math.floor(first / HOUR_MS) * HOUR_MS;
    const list = problemsByHour.get(hour) ?? [];
    for (const p of problems)
      list.push({
        series_id: `rejected|${file}|${p.line}`,
        problem: `${file} line ${p.line}: ${p.reason}`,
        row: p.row,
      });
    problemsByHour.set(hour, list);
  };
  for (const path of paths) {
    const file = basename(path);
    const text = await readFile(path, 'utf8');
    try {
      if (TAKEOUT_HEART_RATE_FILE.test(path)) {
        const parsed = parseTakeoutHeartRate(text);
        samples.push(...parsed.samples);
        keepProblems(file, parsed.samples, parsed.problems);
        files.push({
          file,
          kind: 'fitbit_takeout',
          samples: parsed.samples.length,
          records: 0,
          problems: parsed.problems.length,
        });
        continue;
      }
      if (!file.toLowerCase().endsWith('.csv')) {
        files.push({
          file,
          kind: 'skipped',
          samples: 0,
          records: 0,
          problems: 0,
          note: 'not a Fitabase CSV or Takeout heart_rate JSON',
        });
        continue;
      }
      const parsed = parseFitabaseCsv(text);
      if (parsed.kind === 'unused') {
        files.push({
          file,
          kind: 'skipped',
          samples: 0,
          records: 0,
          problems: 0,
          note: 'a Fitabase table no mart uses',
        });
      } else if (parsed.kind === 'heart_rate') {
        samples.push(...parsed.samples);
        keepProblems(file, parsed.samples, parsed.problems);
        files.push({
          file,
          kind: 'heart_rate',
          samples: parsed.samples.length,
          records: 0,
          problems: parsed.problems.length,
        });
      } else {
        daily.set(parsed.kind, [
          ...(daily.get(parsed.kind) ?? []),
          ...parsed.records.map((r) => ({ ...r, source_file: file })),
        ]);
        files.push({
          file,
          kind: parsed.kind,
          samples: 0,
          records: parsed.records.length,
          problems: parsed.problems.length,
        });
      }
    } catch (error) {
      await options.landing.put(`quarantine/heart_rate/${options.runId}/${file}`, Buffer.from(text));
      options.log.warn({ file }, `heart-rate file quarantined: ${(error as Error).message}`);
      files.push({
        file,
        kind: 'quarantined',
        samples: 0,
        records: 0,
        problems: 0,
        note: (error as Error).message,
      });
    }
  }
  const byHour = groupSeries(samples);
  const withProblems = new Map<number, (HeartRateSeries | Record<string, unknown>)[]>(byHour);
  for (const [hour, problems] of problemsByHour)
    withProblems.set(hour, [...(withProblems.get(hour) ?? []), ...problems]);
  const landed = await landHeartRateSeries(options.landing, options.runId, withProblems, {
    metadata: { source: 'heart_rate_import' },
  });
  for (const [kind, records] of daily)
    await writeLandingBatch(options.landing, {
      dataset: FITABASE_DATASETS[kind],
      runId: options.runId,
      records,
    });
  return { files, hours: [...byHour.keys()].map(hourKey), samples: landed.samples };
}
