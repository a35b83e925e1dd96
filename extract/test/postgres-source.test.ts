import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLandingManifests } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { postgresSourceAsset } from '@voyager/extract';
import { readLandedBatch } from '@voyager/extract/testing';
import { createPostgresSourceLoadAssets } from '@voyager/load';

// The generic operational-Postgres source on a real database of its own (`shop` in the test's
// embedded Postgres): discovery, watermark reads with overlap, same-second and late rows, a table
// without a watermark taken whole and diffed, a table that appears later, and raw history.
let runtime: TestRuntime;
let shop: pg.Client;
const source = postgresSourceAsset({ name: 'shop' });
const [load] = createPostgresSourceLoadAssets({ name: 'shop', rows: source });

async function extract(): Promise<Record<string, unknown>> {
  const outcome = await runAssetOnce(runtime, source);
  expect(outcome.error).toBeUndefined();
  return outcome.metadata as Record<string, unknown>;
}

/** Records of the newest landing batch, as `table:key@version`. */
async function lastBatch(): Promise<string[]> {
  const manifests = await readLandingManifests(runtime.landing, 'shop/rows');
  const newest = manifests.sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)!;
  const out: string[] = [];
  for await (const r of readLandedBatch(runtime.landing, newest))
    out.push(`${String(r.source_table)}:${String(r.row_key)}@${String(r.version)}`);
  return out.sort();
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  await runtime.warehouse.query('create database shop');
  const url = new URL(runtime.databaseUrl);
  url.pathname = '/shop';
  shop = new pg.Client({ connectionString: url.toString() });
  await shop.connect();
  await shop.query(`create table item (item_id int primary key, name text, price numeric(20,2), last_updated timestamp not null);
    create table tag (tag_id int primary key, label text);
    insert into item values (1, 'tote', 123456789012345678.25, '2025-01-01 10:00:00.250'), (2, 'bag', 2.5, '2025-01-01 10:00:00.250');
    insert into tag values (1, 'red'), (2, 'blue');`);
  Object.assign(runtime.env as Record<string, string>, { VOYAGER_SOURCE_SHOP_URL: url.toString() });
});

afterAll(async () => {
  await shop?.end();
  await runtime?.close();
});

describe('postgres source', () => {
  it('lands every table whole on the first run, numerics as exact text', async () => {
    const metadata = await extract();
    expect(metadata).toMatchObject({ tables: 2, new_tables: ['item', 'tag'], rows: 4 });
    const batch = await lastBatch();
    expect(batch.filter((r) => r.startsWith('item:'))).toEqual([
      'item:1@2025-01-01 10:00:00.25',
      'item:2@2025-01-01 10:00:00.25',
    ]);
    expect(batch.filter((r) => r.startsWith('tag:'))).toHaveLength(2);
    expect((await runAssetOnce(runtime, load!)).status).toBe('success');
    const { rows } = await runtime.warehouse.query(
      `select row_data->>'price' as price from raw.shop_rows where source_table = 'item' and row_key = '1'`,
    );
    expect(rows).toEqual([{ price: '123456789012345678.25' }]);
  });

  it('a second run with no change lands nothing, though it re-reads the overlap', async () => {
    const metadata = await extract();
    expect(metadata).toMatchObject({ rows: 0, new_tables: [] });
    expect(metadata.rows_read).toBe(4); // two item rows in the overlap, two tag rows
  });

  it('never loses a row written in the same second as the watermark, or committed late with an older one', async () => {
    // same instant as the stored watermark, a later one, and one 10 s older (a long transaction)
    await shop.query(`insert into item values (3, 'same second', 1, '2025-01-01 10:00:00.250'),
      (4, 'later', 1, '2025-01-01 10:00:00.9'), (5, 'late commit', 1, '2025-01-01 09:59:50')`);
    await shop.query(`update item set price = 3, last_updated = '2025-01-01 10:00:01' where item_id = 2`);
    await extract();
    expect(await lastBatch()).toEqual([
      'item:2@2025-01-01 10:00:01',
      'item:3@2025-01-01 10:00:00.25',
      'item:4@2025-01-01 10:00:00.9',
      'item:5@2025-01-01 09:59:50',
    ]);
  });

  it('diffs a table without a watermark, lands deletions, and picks up a new table', async () => {
    await shop.query(`update tag set label = 'green' where tag_id = 2; delete from tag where tag_id = 1;
      create table note (body text); insert into note values ('hello');`);
    const metadata = await extract();
    expect(metadata).toMatchObject({ tables: 3, new_tables: ['note'] });
    const batch = await lastBatch();
    expect(batch).toHaveLength(3);
    expect(batch[0]).toMatch(/^note:sha256:[0-9a-f]{32}@sha256:/);
    expect(batch[1]).toMatch(/^tag:1@deleted:/);
    expect(batch[2]).toMatch(/^tag:2@sha256:/);
  });

  it('raw keeps every version of every row once, however often it is landed', async () => {
    expect((await runAssetOnce(runtime, load!)).status).toBe('success');
    // a re-run of the extract with a reset cursor lands the overlap again: no duplicate in raw
    await runtime.warehouse.query(`delete from voyager.asset_state where asset_key = 'landing/shop/rows'`);
    await extract();
    expect((await runAssetOnce(runtime, load!)).status).toBe('success');
    const { rows } = await runtime.warehouse.query<{ source_table: string; n: number }>(
      `select source_table, count(*)::int as n from raw.shop_rows group by 1 order by 1`,
    );
    // item: 2 + 4 new versions; tag: 2 + deletion + new version; note: 1
    expect(rows).toEqual([
      { source_table: 'item', n: 6 },
      { source_table: 'note', n: 1 },
      { source_table: 'tag', n: 4 },
    ]);
  });
});
