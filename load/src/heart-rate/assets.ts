import { asset, hourly, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { loadHeartRateHour } from './load-samples-hour.js';
import { openLoadTarget } from '../open-load-target.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { FITABASE_TABLES } from './fitabase-tables.js';
import { heartRateSamplesCheck } from './samples-check.js';
import { HEART_RATE_SAMPLES_TABLE } from './samples-table.js';
import { missingHeartRateHours } from './loaded-hours.js';
import { mergeHourMetadata } from './merge-hour-metadata.js';

/** First hourly partition of the heart-rate group (UTC); extract's landing asset uses the same. */
export const HEART_RATE_PARTITIONS_START = '2016-01-01T00:00';

/**
 * Most hourly partitions of `raw/heart_rate_samples` one step loads in a catch-up or a
 * `--from/--to` backfill: 744 hours, a 31-day month, so a year of Takeout files is 12 steps, not
 * 8,760.
 */
export const HEART_RATE_HOURS_PER_STEP = 744;

/** The upstream (extract) asset of the heart-rate load assets. */
export interface HeartRateLoadUpstream {
  /** `landing/heart_rate/samples` (hourly); without it, raw loads whatever `voyager import heart-rate` landed. */
  readonly samples?: AssetDefinition;
}

/**
 * The heart-rate load assets (group `heart_rate`): `raw/heart_rate_samples`, hourly partitioned
 * (UTC) like its landing asset: each partition loads the batches landed for its hour (by the API
 * asset, which replaces all of its source's rows of the hour, or an import, which replaces its
 * series; see `loadHeartRateHour`), with the `samples_plausible` and `rejected_rows_ratio` checks.
 * A run that names no partition (`npm start`) also catches up every hour that holds landed
 * batches the ledger has not loaded (`missingHeartRateHours`: Takeout files, imports), up to
 * {@link HEART_RATE_HOURS_PER_STEP} consecutive hours per step, each hour replaced as alone; and the
 * Fitabase daily tables `raw/fitabase_daily_activity`, `raw/fitabase_sleep_days`,
 * `raw/fitabase_weight_logs` (not partitioned; filled by `voyager import heart-rate`).
 *
 * ### Examples
 * ```ts
 * const load = createHeartRateLoadAssets({ samples: heartRateSamples });
 * ```
 */
export function createHeartRateLoadAssets(upstream: HeartRateLoadUpstream): AssetDefinition[] {
  const partitions = hourly({ start: HEART_RATE_PARTITIONS_START });
  return [
    asset({
      key: `raw/${HEART_RATE_SAMPLES_TABLE.table}`,
      group: 'heart_rate',
      description:
        'One row per heart-rate sample (instant UTC, bpm, source, device) of every source; each hourly partition loads its hour, a re-run replaces it',
      image: 'load',
      deps: upstream.samples ? [upstream.samples] : [],
      partitions,
      missingPartitions: (ctx) => missingHeartRateHours(ctx, HEART_RATE_PARTITIONS_START),
      backfillPolicy: { maxPartitionsPerStep: HEART_RATE_HOURS_PER_STEP },
      retry: { maxAttempts: 3, backoffSeconds: 2 },
      checks: [heartRateSamplesCheck(), rejectedRowsRatioCheck()],
      async materialize(ctx) {
        const keys = ctx.partition?.keys ?? [];
        if (keys.length === 0) throw new Error('raw/heart_rate_samples needs an hourly partition');
        const target = openLoadTarget(ctx);
        const loaded = [];
        // hour by hour, as a step of one partition would: each hour's replace stays within it
        for (const key of keys) {
          ctx.signal.throwIfAborted();
          loaded.push(await loadHeartRateHour(ctx, target, partitions.partition(key).window!));
        }
        return { metadata: mergeHourMetadata(loaded) };
      },
    }),
    ...FITABASE_TABLES.map((table) =>
      asset({
        key: `raw/${table.table}`,
        group: 'heart_rate',
        description: `${table.table === 'fitabase_weight_logs' ? 'One row per weight log entry' : 'One row per person and day'} of the Fitabase export (\`voyager import heart-rate\`)`,
        image: 'load',
        retry: { maxAttempts: 3, backoffSeconds: 2 },
        checks: [rejectedRowsRatioCheck()],
        async materialize(ctx) {
          return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), table) };
        },
      }),
    ),
  ];
}
