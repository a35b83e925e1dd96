import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { openLoadTarget } from '../open-load-target.js';
import { LoadConfigError } from '../load-environment.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { ensureSourceRowsTable, sourceRowsTable, sourceRowsTableName } from './source-rows-table.js';

/** The options object of {@link createPostgresSourceLoadAssets}. */
export interface PostgresSourceLoadConfig {
  /** Source name, as given to extract's `postgresSourceAsset` (`totesys`). */
  readonly name: string;
  /** Its extract asset `landing/<name>/rows`. */
  readonly rows?: AssetDefinition;
}

/**
 * `raw/<name>_rows` (group `<name>`): loads the landed row versions of an operational-Postgres
 * source into `raw.<name>_rows`, keeping every version (see {@link sourceRowsTable}), with the
 * `rejected_rows_ratio` check. Postgres warehouses only (the table is created on first load).
 *
 * ### Examples
 * ```ts
 * const totesysLoad = createPostgresSourceLoadAssets({ name: 'totesys', rows: totesysExtractAssets.rows });
 * ```
 */
export function createPostgresSourceLoadAssets(config: PostgresSourceLoadConfig): AssetDefinition[] {
  const table = sourceRowsTable(config.name);
  return [
    asset({
      key: `raw/${sourceRowsTableName(config.name)}`,
      group: config.name,
      description: `One row per version of a row of a ${config.name} table (source_table, row_key, version): the full history of changes`,
      image: 'load',
      deps: config.rows ? [config.rows] : [],
      retry: { maxAttempts: 3, backoffSeconds: 2 },
      checks: [rejectedRowsRatioCheck()],
      async materialize(ctx) {
        const target = openLoadTarget(ctx);
        if (target.name !== 'postgres')
          throw new LoadConfigError(`VOYAGER_WAREHOUSE_TARGET: raw.${table.table} loads into Postgres only`);
        await target.prepare();
        await ensureSourceRowsTable(ctx.warehouse, config.name);
        return { metadata: await loadRawTable(ctx, target, table) };
      },
    }),
  ];
}
