import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObjectStore } from '@voyager/orchestration';
import type { Pool } from 'pg';
import type { ExportedColumn } from './athena-ddl.js';
import { duckdbColumnType, exportSelectItem, type WarehouseColumn } from './duckdb-column-type.js';

/** What one table's export wrote. */
export interface TableExport {
  /** Table name in its schema (`fact_sales_order`). */
  readonly table: string;
  /** Rows written, over all files. */
  readonly rows: number;
  /** Parquet objects written (one per partition, or one). */
  readonly files: number;
  /** Objects of an earlier export deleted because their partition no longer exists. */
  readonly deleted: number;
  /** The columns with their DuckDB (Parquet) types, in table order. */
  readonly columns: readonly ExportedColumn[];
  /** The Hive partition column, if any. */
  readonly partitionBy?: string;
}

/** A table that cannot be exported as configured (missing, or a bad partition column). */
export class ParquetExportError extends Error {
  constructor(
    readonly relation: string,
    reason: string,
  ) {
    super(`Parquet export of ${relation}: ${reason}`);
    this.name = 'ParquetExportError';
  }
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

async function warehouseColumns(warehouse: Pool, schema: string, table: string): Promise<WarehouseColumn[]> {
  const { rows } = await warehouse.query<WarehouseColumn>(
    `select column_name as "name", data_type as "dataType", numeric_precision as "precision", numeric_scale as "scale"
     from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
    [schema, table],
  );
  return rows;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * Exports `schema.table` of the warehouse as Parquet under `prefix` (`exports/sales/fact_sales_order/`)
 * in `store`: typed columns (see `duckdbColumnType`), rows in column order. With `partitionBy`
 * (a date column) one file per value, Hive-style (`created_date=2022-11-03/part-0.parquet`, the
 * column then lives in the path only); without, one `part-0.parquet`. Every object is replaced by
 * one put (atomic in S3 and in the local store), then objects of partitions that no longer exist
 * are deleted, so a re-run never duplicates rows. `workDir` is an empty scratch folder.
 *
 * @throws {ParquetExportError} when the table does not exist or `partitionBy` is not one of its date columns.
 */
export async function exportTable(options: {
  readonly warehouse: Pool;
  readonly duck: DuckDBConnection;
  readonly store: ObjectStore;
  readonly workDir: string;
  readonly schema: string;
  readonly table: string;
  readonly prefix: string;
  readonly partitionBy?: string;
}): Promise<TableExport> {
  const { warehouse, duck, store, workDir, schema, table, prefix, partitionBy } = options;
  const relation = `${schema}.${table}`;
  const columns = await warehouseColumns(warehouse, schema, table);
  if (columns.length === 0)
    throw new ParquetExportError(relation, 'the table does not exist (build the marts first)');
  if (partitionBy && columns.find((c) => c.name === partitionBy)?.dataType !== 'date')
    throw new ParquetExportError(
      relation,
      `partition column "${partitionBy}" is not a date column of the table`,
    );

  const order = columns.map((_, i) => i + 1).join(', ');
  const { rows } = await warehouse.query<{ j: string }>(
    `select row_to_json(t)::text as j from (select ${columns.map(exportSelectItem).join(', ')} from ${ident(schema)}.${ident(table)} order by ${order}) as t`,
  );
  const ndjson = join(workDir, `${table}.ndjson`);
  await writeFile(ndjson, rows.map((r) => r.j).join('\n'));
  const types = columns.map((c) => `${literal(c.name)}: ${literal(duckdbColumnType(c))}`).join(', ');
  await duck.run(
    `create or replace table export as select * from read_json(${literal(ndjson)}, format = 'newline_delimited', columns = {${types}})`,
  );

  const out = join(workDir, table);
  await duck.run(
    partitionBy
      ? `copy (select * from export order by ${order}) to ${literal(out)} (format parquet, partition_by (${ident(partitionBy)}), filename_pattern 'part-{i}')`
      : `copy (select * from export order by ${order}) to ${literal(`${out}.parquet`)} (format parquet)`,
  );
  // an empty table writes no partition folder at all
  const written = partitionBy ? await filesUnder(out).catch(() => [] as string[]) : ['part-0.parquet'];
  for (const file of written) {
    const path = partitionBy ? join(out, ...file.split('/')) : `${out}.parquet`;
    await store.put(`${prefix}${file}`, await readFile(path));
  }
  const keep = new Set(written.map((f) => `${prefix}${f}`));
  let deleted = 0;
  for (const stale of (await store.list(prefix)).filter((o) => !keep.has(o.key)))
    deleted += await store.deletePrefix(stale.key);
  return {
    table,
    rows: rows.length,
    files: written.length,
    deleted,
    columns: columns.map((c) => ({ name: c.name, type: duckdbColumnType(c) })),
    ...(partitionBy ? { partitionBy } : {}),
  };
}
