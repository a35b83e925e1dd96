import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ObjectStore } from '@voyager/orchestration';

/**
 * Reads an exported table back with DuckDB: every Parquet object under `prefix`
 * (`exports/sales/fact_sales_order/`) of `store`, Hive partition columns recovered from the keys,
 * each row as `{ column: text | null }` with every value cast to VARCHAR, in the order of
 * `columns` (names the export must have). Objects are copied to a temp folder first (DuckDB
 * reads S3 only through an extension that is downloaded at run time). For tests and checks.
 */
export async function readParquetExport(
  store: ObjectStore,
  prefix: string,
  columns: readonly string[],
): Promise<Record<string, string | null>[]> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-parquet-read-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const duck = await instance.connect();
  try {
    const objects = (await store.list(prefix)).filter((o) => o.key.endsWith('.parquet'));
    if (objects.length === 0) return [];
    for (const o of objects) {
      const path = join(dir, ...o.key.slice(prefix.length).split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, await store.get(o.key));
    }
    const list = columns.map(
      (c) => `cast("${c.replaceAll('"', '""')}" as varchar) as "${c.replaceAll('"', '""')}"`,
    );
    const reader = await duck.runAndReadAll(
      `select ${list.join(', ')} from read_parquet('${join(dir, '**', '*.parquet').replaceAll("'", "''")}', hive_partitioning = true)`,
    );
    return reader.getRowObjectsJson() as Record<string, string | null>[];
  } finally {
    duck.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}
