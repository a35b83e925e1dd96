import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectStore } from '@voyager/orchestration';
import {
  createTestRuntime,
  requireMotoServer,
  runAssetOnce,
  S3ObjectStore,
  startMotoServer,
  type MotoServer,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { createParquetExportAsset } from '@voyager/load';
import { readParquetExport } from '@voyager/load/testing';

// Parquet exports of a marts schema: every type the marts use, a date-partitioned fact and an
// unpartitioned dimension, written to the local landing folder and to moto's S3, read back with
// DuckDB and compared with the warehouse row for row; re-runs replace, never duplicate.

const COLUMNS = ['id', 'amount', 'sold_date', 'sold_time', 'updated_at', 'is_paid', 'note', 'props'];
const exportAsset = createParquetExportAsset({
  group: 'demo',
  schema: 'marts_demo',
  marts: [],
  partitionBy: { fact_things: 'sold_date' },
});

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
  await runtime.warehouse.query(`
    create schema marts_demo;
    create table marts_demo.fact_things (
      id integer, amount numeric(10, 2), sold_date date, sold_time time, updated_at timestamp,
      is_paid boolean, note text, props jsonb);
    insert into marts_demo.fact_things values
      (1, 12.30, '2022-11-03', '14:20:52.186', '2022-11-03 14:20:52.186', true, 'first', '{"a": 1}'),
      (2, 99999999.99, '2022-11-03', '00:00:00', '2022-11-04 09:00:00', false, null, null),
      (3, 0.01, '2022-11-04', '23:59:59.999', '2022-11-05 00:00:00', null, 'it''s "quoted"', '[1, 2]');
    create table marts_demo.dim_things (thing_id integer, thing_name text);
    insert into marts_demo.dim_things values (1, 'one'), (2, 'two');
  `);
});
afterAll(async () => {
  await runtime?.close();
});

async function warehouseRows(table: string, columns: readonly string[]): Promise<string[]> {
  const { rows } = await runtime.warehouse.query<Record<string, string | null>>(
    `select ${columns.map((c) => `${c}::text as ${c}`).join(', ')} from marts_demo.${table}`,
  );
  return rows.map((r) => JSON.stringify(r)).sort();
}

async function exportedRows(
  store: ObjectStore,
  table: string,
  columns: readonly string[],
): Promise<string[]> {
  const rows = await readParquetExport(store, `exports/demo/${table}/`, columns);
  return rows.map((r) => JSON.stringify(r)).sort();
}

async function runExport(store: ObjectStore): Promise<Record<string, unknown>> {
  const outcome = await runAssetOnce({ ...runtime, landing: store }, exportAsset);
  expect(outcome.error).toBeUndefined();
  return outcome.metadata as Record<string, unknown>;
}

async function exportsRoundTrip(store: ObjectStore): Promise<void> {
  await runtime.warehouse.query(
    `insert into marts_demo.fact_things values (4, 1.00, '2022-11-05', '12:00:00', '2022-11-05 12:00:00', true, 'gone soon', null)`,
  );
  expect(await runExport(store)).toMatchObject({
    tables: 2,
    rows: { fact_things: 4, dim_things: 2 },
    files: 4,
    deleted: 0,
  });
  expect((await store.list('exports/demo/')).map((o) => o.key)).toEqual([
    'exports/demo/_athena.sql',
    'exports/demo/dim_things/part-0.parquet',
    'exports/demo/fact_things/sold_date=2022-11-03/part-0.parquet',
    'exports/demo/fact_things/sold_date=2022-11-04/part-0.parquet',
    'exports/demo/fact_things/sold_date=2022-11-05/part-0.parquet',
  ]);
  expect(await exportedRows(store, 'fact_things', COLUMNS)).toEqual(
    await warehouseRows('fact_things', COLUMNS),
  );
  const dim = ['thing_id', 'thing_name'];
  expect(await exportedRows(store, 'dim_things', dim)).toEqual(await warehouseRows('dim_things', dim));

  // a re-run after an amendment and a deletion: the changed partition is replaced, the emptied
  // one deleted, nothing duplicated
  await runtime.warehouse.query(`update marts_demo.fact_things set amount = 13.37 where id = 1`);
  await runtime.warehouse.query(`delete from marts_demo.fact_things where id = 4`);
  expect(await runExport(store)).toMatchObject({ rows: { fact_things: 3 }, files: 3, deleted: 1 });
  expect((await store.list('exports/demo/fact_things/')).map((o) => o.key)).toEqual([
    'exports/demo/fact_things/sold_date=2022-11-03/part-0.parquet',
    'exports/demo/fact_things/sold_date=2022-11-04/part-0.parquet',
  ]);
  const after = await exportedRows(store, 'fact_things', COLUMNS);
  expect(after).toEqual(await warehouseRows('fact_things', COLUMNS));
  expect(after.join()).toContain('"amount":"13.37"');
}

describe('Parquet export of a marts schema', () => {
  it('writes typed columns (DuckDB reads back the Postgres types) to the local landing folder', async () => {
    await exportsRoundTrip(runtime.landing);
  });

  it('keeps the types in the file (integers, exact decimals, timestamps, booleans; times as text for Athena); the partition date lives in the path', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const file = `${runtime.landing.url}/exports/demo/fact_things/sold_date=2022-11-03/part-0.parquet`;
    const reader = await duck.runAndReadAll(
      `describe select * from read_parquet('${file}', hive_partitioning = false)`,
    );
    expect(
      Object.fromEntries(
        reader.getRowObjectsJson().map((r) => [String(r.column_name), String(r.column_type)]),
      ),
    ).toEqual({
      id: 'INTEGER',
      amount: 'DECIMAL(10,2)',
      sold_time: 'VARCHAR',
      updated_at: 'TIMESTAMP',
      is_paid: 'BOOLEAN',
      note: 'VARCHAR',
      props: 'VARCHAR',
    });
    duck.closeSync();
  });

  it('writes the Athena DDL beside the tables: typed columns, the date partition by projection', async () => {
    const ddl = (await runtime.landing.get('exports/demo/_athena.sql')).toString('utf8');
    const root = `${runtime.landing.url}/exports/demo/`;
    expect(ddl).toContain('CREATE DATABASE IF NOT EXISTS `voyager_demo`;');
    expect(ddl).toContain(
      [
        'CREATE EXTERNAL TABLE IF NOT EXISTS `voyager_demo`.`fact_things` (',
        '  `id` int,',
        '  `amount` decimal(10,2),',
        '  `sold_time` string,',
        '  `updated_at` timestamp,',
        '  `is_paid` boolean,',
        '  `note` string,',
        '  `props` string',
        ')',
        'PARTITIONED BY (`sold_date` date)',
        'STORED AS PARQUET',
        `LOCATION '${root}fact_things/'`,
      ].join('\n'),
    );
    expect(ddl).toContain(`'storage.location.template' = '${root}fact_things/sold_date=\${sold_date}/'`);
    expect(ddl).toContain(
      `CREATE EXTERNAL TABLE IF NOT EXISTS \`voyager_demo\`.\`dim_things\` (\n  \`thing_id\` int,\n  \`thing_name\` string\n)\nSTORED AS PARQUET\nLOCATION '${root}dim_things/';`,
    );
  });

  it('fails with one line naming the table when the partition column is not a date', async () => {
    const bad = createParquetExportAsset({
      group: 'demo',
      schema: 'marts_demo',
      marts: [],
      partitionBy: { fact_things: 'note' },
    });
    const outcome = await runAssetOnce(runtime, bad);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toContain(
      'Parquet export of marts_demo.fact_things: partition column "note" is not a date column of the table',
    );
    expect(outcome.error).not.toContain('\n');
  });
});

describe('Parquet export to S3 (moto)', () => {
  const moto = requireMotoServer();
  let server: MotoServer | undefined;
  beforeAll(async () => {
    if (!moto.path) return;
    server = await startMotoServer({ executable: moto.path });
    await new S3Client(server.clientConfig).send(new CreateBucketCommand({ Bucket: 'landing' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!moto.path)('writes the same objects under s3://landing/voyager/exports/', async () => {
    await runtime.warehouse.query(`delete from marts_demo.fact_things where id = 4`);
    const store = new S3ObjectStore('s3://landing/voyager', {
      endpoint: server!.endpoint,
      region: server!.region,
      clientConfig: { credentials: server!.credentials },
    });
    await exportsRoundTrip(store);
    const ddl = (await store.get('exports/demo/_athena.sql')).toString('utf8');
    expect(ddl).toContain(`LOCATION 's3://landing/voyager/exports/demo/fact_things/'`);
  });
});
