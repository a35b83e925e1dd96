import { asset, type AssetDefinition } from '@voyager/orchestration';
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
}

/**
 * One load asset `raw/<table>` that loads every new landing batch of `table.dataset` into the
 * warehouse with {@link loadRawTable}, with the `rejected_rows_ratio` check. It runs in the `load`
 * image and retries three times, two seconds apart. A re-run never duplicates rows: the table's
 * key upserts them.
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
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), table) };
    },
  });
}
