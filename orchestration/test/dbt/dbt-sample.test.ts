import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/context/logger.js';
import { definitions, loadDbtAssets, type DbtAssets } from '@voyager/orchestration';
import { executeRun, type RunResult } from '../../src/executor/executor.js';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import {
  copySampleProject,
  orderLines,
  rawOrdersAsset,
  SAMPLE_PROJECT,
  sampleLoadImage,
  type OrderLine,
} from './sample-project.js';

// A dbt project as assets, built by the built-in runner, on the sample project of our own.
let lines: OrderLine[] = orderLines(10);
const raw = rawOrdersAsset(() => lines);
let runtime: TestRuntime;
let dbt: DbtAssets;

beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
  dbt = await loadDbtAssets({ projectDir: SAMPLE_PROJECT, upstream: [raw], missingUpstream: 'error' });
});
afterAll(async () => {
  await runtime?.close();
});

const byKey = (key: string, from: DbtAssets = dbt) => {
  const a = from.assets.find((x) => x.key === key);
  if (!a) throw new Error(`no asset ${key}`);
  return a;
};

async function runAll(projectDir: string): Promise<RunResult> {
  const project = await loadDbtAssets({ projectDir, upstream: [raw] });
  return executeRun({
    definitions: definitions({ assets: [raw, ...project.assets], images: [sampleLoadImage, project.image] }),
    runtime,
    log: createLogger({ level: 'silent', pretty: false }),
  });
}

describe('dbt project as assets', () => {
  it('declares one asset per model: deps from ref(), source() meta.voyager_asset and relationships tests; tests as checks; retries', () => {
    const stg = byKey('staging/stg_shop__orders');
    const fct = byKey('marts/fct_orders');
    expect(stg.deps.map((d) => d.key)).toEqual(['raw/shop_orders']);
    // ref() gives the staging dep; the relationships test makes dim_customers upstream too
    expect(fct.deps.map((d) => d.key).sort()).toEqual(['marts/dim_customers', 'staging/stg_shop__orders']);
    expect(stg).toMatchObject({
      image: 'dbt',
      group: 'staging',
      retry: { maxAttempts: 3 },
      tags: { kind: 'dbt', dbt_model: 'stg_shop__orders', dbt_folder: 'staging', materialized: 'view' },
    });
    expect(Object.fromEntries(fct.checks.map((c) => [c.name, c.blocking]))).toEqual({
      unique_fct_orders_order_id: true,
      relationships_fct_orders_customer_id__customer_id__dim_customers: true,
      assert_positive_amounts: true,
    });
    // tests on the source run in the step of the first model reading it
    expect(byKey('staging/stg_shop__amounts').checks.map((c) => c.name)).toEqual([
      'source_unique_shop_orders_order_id',
      'source_not_null_shop_orders_order_id',
    ]);
    expect(dbt.image).toMatchObject({ name: 'dbt', dockerfile: 'transformation/Dockerfile' });
  });

  it('refuses a source whose voyager_asset is not upstream, naming it, or leaves its models out', async () => {
    await expect(
      loadDbtAssets({ projectDir: SAMPLE_PROJECT, upstream: [], missingUpstream: 'error' }),
    ).rejects.toThrow(/names voyager_asset "raw\/shop_orders", which is not among the upstream assets/);
    const partial = await loadDbtAssets({ projectDir: SAMPLE_PROJECT, upstream: [] });
    expect(partial.assets).toEqual([]);
    expect(partial.skipped).toContainEqual({ model: 'fct_orders', missing: 'raw/shop_orders' });
  });
});

describe('the built-in runner', () => {
  it('builds every model, twice, with every check passing', async () => {
    for (let round = 0; round < 2; round++) {
      const run = await runAll(SAMPLE_PROJECT);
      const bad = run.outcomes.filter(
        (o) => o.status !== 'success' || o.checks.some((c) => c.status !== 'success'),
      );
      expect(bad.map((o) => [o.assetKey, o.error, o.checks])).toEqual([]);
    }
    const fct = await runAssetOnce(runtime, byKey('marts/fct_orders'));
    expect(fct.metadata).toMatchObject({
      rows: 10,
      relation: '"shop_marts"."fct_orders"',
      materialized: 'table',
      runner: 'builtin',
    });
    // a view's rows are not counted: the count would run the view's whole query (issue 13 point 2)
    const view = await runAssetOnce(runtime, byKey('staging/stg_shop__orders'));
    expect(view.metadata).toMatchObject({ materialized: 'view', runner: 'builtin' });
    expect(view.metadata).not.toHaveProperty('rows');
    const kind = await runtime.warehouse.query<{ relkind: string }>(
      `select relkind from pg_class where oid = 'shop_staging.stg_shop__orders'::regclass`,
    );
    expect(kind.rows[0]!.relkind).toBe('v');
  });

  it("runs a source test's SQL on the source table: a duplicate order id fails it", async () => {
    lines = [...orderLines(10), orderLines(1)[0]!];
    try {
      expect((await runAssetOnce(runtime, raw)).status).toBe('success');
      const amounts = await runAssetOnce(runtime, byKey('staging/stg_shop__amounts'));
      expect(amounts.checks.find((c) => c.name === 'source_unique_shop_orders_order_id')).toMatchObject({
        status: 'failed',
        metadata: { failures: 1 },
      });
      expect(amounts).toMatchObject({ status: 'failed', blockedByCheck: true });
    } finally {
      lines = orderLines(10);
      await runAssetOnce(runtime, raw);
    }
  });
});

describe('failures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await copySampleProject();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a failing blocking test stops downstream; a failing warn test does not', async () => {
    await writeFile(
      join(dir, 'tests', 'assert_no_orders.sql'),
      "select * from {{ ref('stg_shop__orders') }}\n",
    );
    await writeFile(
      join(dir, 'tests', 'assert_no_big_orders.sql'),
      "{{ config(severity='warn') }}\nselect * from {{ ref('fct_orders') }} where amount_cents > 500\n",
    );
    const status = (r: RunResult) => Object.fromEntries(r.outcomes.map((o) => [o.assetKey, o.status]));
    const blocked = await runAll(dir);
    expect(status(blocked)).toMatchObject({
      'raw/shop_orders': 'success',
      'staging/stg_shop__orders': 'failed',
      'marts/dim_customers': 'skipped',
      'marts/fct_orders': 'skipped',
    });
    const stg = blocked.outcomes.find((o) => o.assetKey === 'staging/stg_shop__orders')!;
    expect(stg.checks.find((c) => c.name === 'assert_no_orders')).toMatchObject({
      status: 'failed',
      blocking: true,
      metadata: { failures: 10 },
    });

    await rm(join(dir, 'tests', 'assert_no_orders.sql'));
    const warned = await runAll(dir);
    expect(warned.status).toBe('success');
    const fct = warned.outcomes.find((o) => o.assetKey === 'marts/fct_orders')!;
    expect(fct.checks.find((c) => c.name === 'assert_no_big_orders')).toMatchObject({
      status: 'warn',
      blocking: false,
      metadata: { failures: 5 },
    });
    await rm(join(dir, 'tests', 'assert_no_big_orders.sql'));
  });

  it('Jinja outside the subset fails with the file, the line and "install dbt-core"', async () => {
    await writeFile(
      join(dir, 'models', 'marts', 'fct_starred.sql'),
      "with a as (\n  select 1\n)\nselect {{ dbt_utils.star(ref('fct_orders')) }} from {{ ref('fct_orders') }}\n",
    );
    const withStar = await loadDbtAssets({ projectDir: dir, upstream: [raw] });
    const outcome = await runAssetOnce(runtime, byKey('marts/fct_starred', withStar));
    expect(outcome.status).toBe('failed');
    expect(outcome.nonRetryable).toBe(true);
    expect(outcome.error).toMatch(
      /models\/marts\/fct_starred\.sql:4: dbt_utils\.star\(\).*install dbt-core to run this model/,
    );
    await rm(join(dir, 'models', 'marts', 'fct_starred.sql'));
  });

  it('config it would not apply as dbt does (grants, hooks) fails with the file, the line and "install dbt-core"', async () => {
    await writeFile(
      join(dir, 'models', 'marts', 'fct_granted.sql'),
      "-- shared with reporting\n{{ config(grants={'select': ['reporting']}) }}\nselect * from {{ ref('fct_orders') }}\n",
    );
    const granted = await loadDbtAssets({ projectDir: dir, upstream: [raw] });
    const outcome = await runAssetOnce(runtime, byKey('marts/fct_granted', granted));
    expect(outcome).toMatchObject({ status: 'failed', nonRetryable: true });
    expect(outcome.error).toMatch(
      /models\/marts\/fct_granted\.sql:2: config grants=\{"select":\["reporting"\]\}.*install dbt-core/,
    );
    await rm(join(dir, 'models', 'marts', 'fct_granted.sql'));
  });
});
