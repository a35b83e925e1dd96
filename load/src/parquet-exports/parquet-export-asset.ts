import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asset, type AssetDefinition } from '@voyager/orchestration';
import { exportTable, type TableExport } from './export-table.js';

/** The options object of {@link createParquetExportAsset}. */
export interface ParquetExportConfig {
  /** Mart group (`sales`): the asset is `exports/<group>`, its objects `exports/<group>/<table>/`. */
  readonly group: string;
  /** Warehouse schema whose tables are exported (`marts_sales`); every base table in it is. */
  readonly schema: string;
  /** The mart assets that build the schema (the export's deps). */
  readonly marts: readonly AssetDefinition[];
  /** Date column to Hive-partition a table by (`{ fact_sales_order: 'created_date' }`); other tables get one file. */
  readonly partitionBy?: Readonly<Record<string, string>>;
}

/** The landing prefix of a group's exports: `exports/<group>/`. */
export function parquetExportPrefix(group: string): string {
  return `exports/${group}/`;
}

/**
 * `exports/<group>` (group `exports`, image `load`): writes every table of a marts schema as
 * Parquet with typed columns into the landing store (local folder or S3) under
 * `exports/<group>/<table>/`, Hive-partitioned by the configured date column, for query engines
 * (Athena through the Glue catalog, DuckDB, Spark). A re-run replaces each object in place and
 * deletes partitions that are gone: it never duplicates rows. Metadata: rows and files per table.
 *
 * ### Examples
 * ```ts
 * const salesExport = createParquetExportAsset({
 *   group: 'sales',
 *   schema: 'marts_sales',
 *   marts: dbt.assets.filter((a) => a.key.startsWith('marts/sales_')),
 *   partitionBy: { fact_sales_order: 'created_date' },
 * });
 * ```
 */
export function createParquetExportAsset(config: ParquetExportConfig): AssetDefinition {
  const prefix = parquetExportPrefix(config.group);
  return asset({
    key: `exports/${config.group}`,
    group: 'exports',
    description: `Every table of ${config.schema} as Parquet in the landing store under ${prefix}<table>/ (typed columns; facts Hive-partitioned by date), replaced in place on each run`,
    image: 'load',
    deps: [...config.marts],
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    async materialize(ctx) {
      const { rows } = await ctx.warehouse.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`,
        [config.schema],
      );
      const workDir = await mkdtemp(join(tmpdir(), 'voyager-parquet-'));
      const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
      const duck = await instance.connect();
      const exported: TableExport[] = [];
      try {
        for (const { table_name: table } of rows) {
          ctx.signal.throwIfAborted();
          const result = await exportTable({
            warehouse: ctx.warehouse,
            duck,
            store: ctx.landing,
            workDir,
            schema: config.schema,
            table,
            prefix: `${prefix}${table}/`,
            partitionBy: config.partitionBy?.[table],
          });
          ctx.log.info({ ...result }, 'exported');
          exported.push(result);
        }
      } finally {
        duck.closeSync();
        instance.closeSync();
        await rm(workDir, { recursive: true, force: true });
      }
      return {
        metadata: {
          prefix,
          tables: exported.length,
          rows: Object.fromEntries(exported.map((e) => [e.table, e.rows])),
          files: exported.reduce((n, e) => n + e.files, 0),
          deleted: exported.reduce((n, e) => n + e.deleted, 0),
        },
      };
    },
  });
}
