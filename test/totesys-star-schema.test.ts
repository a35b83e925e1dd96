import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDbtAssets, type AssetDefinition } from '@voyager/orchestration';
import {
  createTestRuntime,
  runAssetOnce,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { postgresSourceAsset, totesysRows } from '@voyager/extract';
import { insertRows, TOTESYS_DDL } from '@voyager/extract/testing';
import { createPostgresSourceLoadAssets } from '@voyager/load';
import { readParquetExport } from '@voyager/load/testing';
import defs from '../definitions.js';
import { repoRoot } from './run-cli.js';

// The sales star schema (transformation/models/marts/sales, schema marts_sales) built by the
// built-in runner from raw.totesys_rows, its row counts checked against the source rows:
// 1. the generated totesys database (local default), twice, the change generator in between;
// 2. the real totesys dump of ../shared/data/totesys (6 tables; it has no sales_order).

const STAR = [
  'fact_sales_order',
  'fact_purchase_order',
  'fact_payment',
  'dim_date',
  'dim_staff',
  'dim_location',
  'dim_design',
  'dim_currency',
  'dim_counterparty',
  'dim_transaction',
  'dim_payment_type',
];

async function totesysModels(extract: AssetDefinition): Promise<AssetDefinition[]> {
  const load = createPostgresSourceLoadAssets({ name: 'totesys', rows: extract });
  const dbt = await loadDbtAssets({ projectDir: join(repoRoot, 'transformation'), upstream: load });
  const models = dbt.assets.filter((a) => /^(staging\/stg_totesys__|marts\/sales_)/.test(a.key));
  return [extract, ...load, ...models, defs.graph.get('exports/sales')];
}

async function runAll(runtime: TestRuntime, assets: readonly AssetDefinition[]): Promise<void> {
  for (const a of assets) {
    const outcome = await runAssetOnce(runtime, a);
    expect([
      a.key,
      outcome.status,
      outcome.error,
      outcome.checks.filter((c) => c.status !== 'success'),
    ]).toEqual([a.key, 'success', undefined, []]);
  }
}

async function starCounts(runtime: TestRuntime): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of STAR) {
    const { rows } = await runtime.warehouse.query<{ n: number }>(
      `select count(*)::int as n from marts_sales.${t}`,
    );
    out[t] = rows[0]!.n;
  }
  return out;
}

function sourceClient(runtime: TestRuntime): pg.Client {
  const url = new URL(runtime.databaseUrl);
  url.pathname = '/totesys';
  return new pg.Client({ connectionString: url.toString() });
}

describe('sales star schema from the generated totesys database', () => {
  let runtime: TestRuntime;
  let totesys: pg.Client;
  let assets: AssetDefinition[];
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
    assets = await totesysModels(totesysRows);
  });
  afterAll(async () => {
    await totesys?.end();
    await runtime?.close();
  });

  it('has one fact row per sales order version and one dimension row per source row', async () => {
    await runAll(runtime, assets);
    totesys = sourceClient(runtime);
    await totesys.connect();
    const source = async (table: string) =>
      (await totesys.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
    const counts = await starCounts(runtime);
    console.info('generated totesys, first run:', counts);
    expect(counts).toMatchObject({
      fact_sales_order: await source('sales_order'),
      fact_purchase_order: await source('purchase_order'),
      fact_payment: await source('payment'),
      dim_staff: await source('staff'),
      dim_location: await source('address'),
      dim_design: await source('design'),
      dim_currency: 3,
      dim_counterparty: await source('counterparty'),
      dim_transaction: await source('transaction'),
      dim_payment_type: 4,
    });
    // dim_date is shared: it spans every date the three facts point at, and nothing beyond
    const { rows } = await runtime.warehouse.query<{ days: number }>(
      `with dates as (
         select created_date as d from marts_sales.fact_sales_order
         union all select agreed_delivery_date from marts_sales.fact_sales_order
         union all select agreed_payment_date from marts_sales.fact_sales_order
         union all select agreed_delivery_date from marts_sales.fact_purchase_order
         union all select agreed_payment_date from marts_sales.fact_purchase_order
         union all select payment_date from marts_sales.fact_payment
         union all select last_updated_date from marts_sales.fact_payment
       )
       select count(*)::int as days from marts_sales.dim_date
       where date_id between (select min(d) from dates) and (select max(d) from dates)`,
    );
    expect(rows[0]!.days).toBe(counts.dim_date);
    // every payment settles a transaction of its kind: sales receipts for sales, payments for purchases
    const { rows: kinds } = await runtime.warehouse.query<{
      kind: string;
      payment_type_name: string;
      n: number;
    }>(
      `select t.transaction_type as kind, pt.payment_type_name, count(*)::int as n
       from marts_sales.fact_payment p
       join marts_sales.dim_transaction t using (transaction_id)
       join marts_sales.dim_payment_type pt using (payment_type_id)
       group by 1, 2 order by 1, 2`,
    );
    expect(kinds).toEqual([
      { kind: 'PURCHASE', payment_type_name: 'PURCHASE_PAYMENT', n: counts.fact_purchase_order },
      { kind: 'SALE', payment_type_name: 'SALES_RECEIPT', n: counts.fact_sales_order },
    ]);
  });

  it('after the change generator, the fact gains exactly the new versions and keeps the old ones', async () => {
    const before = await starCounts(runtime);
    const { rows: mark } = await totesys.query<{ t: string }>(
      'select max(last_updated)::text as t from sales_order',
    );
    const since = async (table: string, t: string) =>
      (
        await totesys.query<{ n: number }>(
          `select count(*)::int as n from ${table} where last_updated > $1::timestamp`,
          [t],
        )
      ).rows[0]!.n;
    const { rows: marks } = await totesys.query<{ po: string; p: string }>(
      'select (select max(last_updated)::text from purchase_order) as po, (select max(last_updated)::text from payment) as p',
    );
    await runAll(runtime, assets);
    const { rows: changed } = await totesys.query<{ n: number; amended: number }>(
      `select count(*)::int as n, count(*) filter (where created_at <= $1::timestamp)::int as amended from sales_order where last_updated > $1::timestamp`,
      [mark[0]!.t],
    );
    const after = await starCounts(runtime);
    console.info('generated totesys, after the change generator:', after, changed[0]);
    expect(after.fact_sales_order - before.fact_sales_order).toBe(changed[0]!.n);
    expect(changed[0]!.amended).toBeGreaterThan(0);
    const { rows: history } = await runtime.warehouse.query<{ orders: number; versions: number }>(
      `select count(distinct sales_order_id)::int as orders, count(*)::int as versions from marts_sales.fact_sales_order`,
    );
    expect(history[0]!.orders).toBe(
      (await totesys.query<{ n: number }>('select count(*)::int as n from sales_order')).rows[0]!.n,
    );
    expect(history[0]!.versions).toBe(after.fact_sales_order);
    expect(after.fact_purchase_order - before.fact_purchase_order).toBe(
      await since('purchase_order', marks[0]!.po),
    );
    expect(after.fact_payment - before.fact_payment).toBe(await since('payment', marks[0]!.p));
    // the payment the change generator marked paid keeps its earlier version beside the paid one
    const { rows: paid } = await runtime.warehouse.query<{ versions: boolean[] }>(
      `select array_agg(is_paid order by payment_record_id) as versions
       from marts_sales.fact_payment group by payment_id having count(*) > 1`,
    );
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.map((p) => p.versions.length === 2 && p.versions[1])).not.toContain(false);
    expect(after.dim_transaction).toBe(
      (await totesys.query<{ n: number }>('select count(*)::int as n from transaction')).rows[0]!.n,
    );
  });

  it('exports every table as Parquet (facts by created_date) that DuckDB reads back equal to the marts', async () => {
    expect(await expectExportEqualsMarts(runtime)).toEqual(await starCounts(runtime));
    const keys = (await runtime.landing.list('exports/sales/fact_sales_order/')).map((o) => o.key);
    const { rows } = await runtime.warehouse.query<{ days: number }>(
      'select count(distinct created_date)::int as days from marts_sales.fact_sales_order',
    );
    expect(keys).toHaveLength(rows[0]!.days);
    expect(
      keys.every((k) =>
        /^exports\/sales\/fact_sales_order\/created_date=\d{4}-\d{2}-\d{2}\/part-0\.parquet$/.test(k),
      ),
    ).toBe(true);
  });
});

/** Every star-schema table as Parquet (exports/sales/<table>/) equals the mart, row for row. */
async function expectExportEqualsMarts(runtime: TestRuntime): Promise<Record<string, number>> {
  const compared: Record<string, number> = {};
  for (const table of STAR) {
    const { rows: columns } = await runtime.warehouse.query<{ name: string }>(
      `select column_name as name from information_schema.columns where table_schema = 'marts_sales' and table_name = $1 order by ordinal_position`,
      [table],
    );
    const names = columns.map((c) => c.name);
    const { rows } = await runtime.warehouse.query<Record<string, string | null>>(
      `select ${names.map((c) => `${c}::text as ${c}`).join(', ')} from marts_sales.${table}`,
    );
    const parquet = await readParquetExport(runtime.landing, `exports/sales/${table}/`, names);
    const sorted = (xs: readonly Record<string, string | null>[]) => xs.map((r) => JSON.stringify(r)).sort();
    expect([table, sorted(parquet)]).toEqual([table, sorted(rows)]);
    compared[table] = parquet.length;
  }
  return compared;
}

describe('sales dimensions from the real totesys dump', () => {
  const dir = sharedData('totesys/nahisah-2025-06/oltp_json');
  const dump = new Map(
    readdirSync(dir).map((f) => [
      f.split('-')[0]!,
      JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>[],
    ]),
  );
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
    await runtime.warehouse.query('create database dump');
    const url = new URL(runtime.databaseUrl);
    url.pathname = '/dump';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    for (const ddl of TOTESYS_DDL) await client.query(ddl);
    for (const [table, rows] of dump) await insertRows(client, table, rows);
    await client.end();
    (runtime.env as Record<string, string>).VOYAGER_SOURCE_TOTESYS_URL = url.toString();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('builds every dimension with one row per dumped row, staff with their department', async () => {
    await runAll(runtime, await totesysModels(postgresSourceAsset({ name: 'totesys' })));
    const counts = await starCounts(runtime);
    console.info('real dump:', counts);
    expect(counts).toEqual({
      fact_sales_order: 0,
      fact_purchase_order: 0,
      fact_payment: 0,
      dim_date: 0,
      dim_staff: dump.get('staff')!.length,
      dim_location: dump.get('address')!.length,
      dim_design: dump.get('design')!.length,
      dim_currency: dump.get('currency')!.length,
      dim_counterparty: dump.get('counterparty')!.length,
      dim_transaction: 0,
      dim_payment_type: 0,
    });
    const departments = new Map(dump.get('department')!.map((d) => [d.department_id, d.department_name]));
    const { rows } = await runtime.warehouse.query<{ staff_id: number; department_name: string }>(
      'select staff_id, department_name from marts_sales.dim_staff order by staff_id',
    );
    expect(rows).toEqual(
      dump
        .get('staff')!
        .map((s) => ({ staff_id: s.staff_id, department_name: departments.get(s.department_id) }))
        .sort((a, b) => Number(a.staff_id) - Number(b.staff_id)),
    );
  });
});
