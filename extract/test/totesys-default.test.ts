import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { totesysRows } from '@voyager/extract';
import { createPostgresSourceLoadAssets } from '@voyager/load';

// The local default of the totesys source: VOYAGER_SOURCE_TOTESYS_URL unset, so the asset creates
// a `totesys` database beside the warehouse, fills it with the generator, and before every later
// run the change generator inserts and updates rows; each run lands exactly the new versions.
let runtime: TestRuntime;
let totesys: pg.Client;
const [load] = createPostgresSourceLoadAssets({ name: 'totesys', rows: totesysRows });
const TABLES = [
  'address',
  'counterparty',
  'currency',
  'department',
  'design',
  'payment',
  'payment_type',
  'purchase_order',
  'sales_order',
  'staff',
  'transaction',
];

/** Row count of every totesys table, and how many rows changed after `since` (last_updated). */
async function sourceCounts(since = '-infinity'): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const { rows } = await totesys.query<{ n: number }>(
      `select count(*)::int as n from "${t}" where last_updated > $1::timestamp`,
      [since],
    );
    out[t] = rows[0]!.n;
  }
  return out;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await totesys?.end();
  await runtime?.close();
});

describe('totesys local default', () => {
  let firstMax = '';
  it('creates and fills the totesys database and lands every row of its 11 tables', async () => {
    const outcome = await runAssetOnce(runtime, totesysRows);
    expect(outcome.error).toBeUndefined();
    const url = new URL(runtime.databaseUrl);
    url.pathname = '/totesys';
    totesys = new pg.Client({ connectionString: url.toString() });
    await totesys.connect();
    const counts = await sourceCounts();
    expect(counts).toMatchObject({
      currency: 3,
      staff: 20,
      address: 30,
      sales_order: 600,
      purchase_order: 200,
      transaction: 800,
    });
    expect(outcome.metadata).toMatchObject({ tables: 11, rows_by_table: counts });
    expect(outcome.metadata.rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    const { rows } = await totesys.query<{ t: string }>(
      `select max(last_updated)::text as t from sales_order`,
    );
    firstMax = rows[0]!.t;
  });

  it('a second run lands only what the change generator inserted and updated', async () => {
    const outcome = await runAssetOnce(runtime, totesysRows);
    expect(outcome.error).toBeUndefined();
    const changed = await sourceCounts(firstMax);
    expect(changed.sales_order).toBeGreaterThanOrEqual(5);
    const landed = outcome.metadata.rows_by_table as Record<string, number>;
    expect(landed).toEqual(changed);
    expect(outcome.metadata.rows).toBeLessThan(60);
  });

  it('raw.totesys_rows holds every version: all rows of the first run plus each change', async () => {
    expect((await runAssetOnce(runtime, load!)).status).toBe('success');
    const all = await sourceCounts();
    const { rows } = await runtime.warehouse.query<{ source_table: string; versions: number; rows: number }>(
      `select source_table, count(*)::int as versions, count(distinct row_key)::int as rows from raw.totesys_rows group by 1 order by 1`,
    );
    for (const r of rows) expect(r.rows, r.source_table).toBe(all[r.source_table]);
    const amended = rows.find((r) => r.source_table === 'sales_order')!;
    expect(amended.versions).toBeGreaterThan(amended.rows); // amended orders kept their old version
  });
});
