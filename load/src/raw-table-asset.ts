import {
  asset,
  type AssetDefinition,
  type BackfillPolicy,
  type PartitionsDefinition,
  type StoredLandingManifest,
} from '@voyager/orchestration';
import { loadRawTable } from './load-raw-table.js';
import { openLoadTarget } from './open-load-target.js';
import type { RawTable } from './raw-table.js';
import { rejectedRowsRatioCheck } from './rejected-rows-check.js';

/** What {@link rawTableAsset} declares. */
export interface RawTableAssetConfig {
  /** The raw table and the landing dataset it reads (`table.dataset`). */
  readonly table: RawTable;
  /** The asset group: the source (`strava`, `files`, `weather`, ...). */
  readonly group: string;
  /** The table's grain ("One row per ..."), shown in the catalog and the DAG docs. */
  readonly description: string;
  /** The extract assets that land `table.dataset`; none when only `voyager import` lands it. */
  readonly deps?: readonly AssetDefinition[];
  /** Partitions of the table (those of its landing asset); each step then loads only its batches. */
  readonly partitions?: PartitionsDefinition;
  /** With `partitions`: how many partitions one step may load (see `BackfillPolicy`). */
  readonly backfillPolicy?: BackfillPolicy;
  /**
   * With `partitions`: true for a landing batch that belongs to none of the step's partition
   * `keys` (it stays new for the step of its own partitions).
   */
  readonly outsidePartitions?: (manifest: StoredLandingManifest, keys: readonly string[]) => boolean;
}

/**
 * One load asset `raw/<table>` that loads every new landing batch of `table.dataset` into the
 * warehouse with {@link loadRawTable}, with the `rejected_rows_ratio` check. It runs in the `load`
 * image and retries three times, two seconds apart. A re-run never duplicates rows: the table's
 * key upserts them. A partitioned table's step loads the new batches of its partitions only
 * (`outsidePartitions` says which batches are another step's).
 *
 * ### Examples
 * ```ts
 * const sets = rawTableAsset({
 *   table: LIFTING_SETS_TABLE,
 *   group: 'lifting',
 *   description: 'One row per set of a lifting log',
 *   deps: [liftingSets],
 * });
 * ```
 */
export function rawTableAsset(config: RawTableAssetConfig): AssetDefinition {
  const { table } = config;
  return asset({
    key: `raw/${table.table}`,
    group: config.group,
    description: config.description,
    image: 'load',
    deps: config.deps ?? [],
    ...(config.partitions ? { partitions: config.partitions } : {}),
    ...(config.backfillPolicy ? { backfillPolicy: config.backfillPolicy } : {}),
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      const keys = ctx.partition?.keys;
      const outside = config.outsidePartitions;
      return {
        metadata: await loadRawTable(
          ctx,
          openLoadTarget(ctx),
          table,
          keys && outside ? { skipBatch: (m) => outside(m, keys) } : {},
        ),
      };
    },
  });
}
