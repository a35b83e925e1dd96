import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDbtAssets, type DbtAssets } from '@voyager/orchestration';
import {
  createTestRuntime,
  requirePythonTool,
  runAssetOnce,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import { rawOrdersAsset, SAMPLE_PROJECT } from './sample-project.js';

// Real dbt (the pinned .tools/dbt) running the dbt assets' steps on the sample project.
const dbt = requirePythonTool('dbt', 'dbt');
const raw = rawOrdersAsset();

describe.skipIf(!dbt.path)(`dbt steps on real dbt ${dbt.skipReason ?? ''}`, () => {
  let runtime: TestRuntime;
  let assets: DbtAssets;
  const byKey = (key: string) => assets.assets.find((a) => a.key === key)!;
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { DBT_BIN: dbt.path!, VOYAGER_DBT_RUNNER: 'dbt' } });
    assets = await loadDbtAssets({ projectDir: SAMPLE_PROJECT, upstream: [raw] });
    expect((await runAssetOnce(runtime, raw)).status).toBe('success');
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('runs four models of a new schema at once without racing on its creation (no 23505)', async () => {
    // another step is creating the schema right now, as the built-in runner does (under the
    // advisory lock); dbt alone would run its own `create schema if not exists`, wait on that
    // uncommitted row and fail with 23505 once it commits
    const creator = await runtime.warehouse.connect();
    await creator.query('begin');
    await creator.query('select pg_advisory_xact_lock(hashtext($1))', ['schema:shop_staging']);
    await creator.query('create schema shop_staging');
    const keys = ['stg_shop__orders', 'stg_shop__customers', 'stg_shop__products', 'stg_shop__amounts'];
    const steps = keys.map((k) => runAssetOnce(runtime, byKey(`staging/${k}`)));
    try {
      // every step waits (on the lock, or on the uncommitted schema row) before the creator commits
      for (let waiting = 0; waiting < keys.length;) {
        await new Promise((r) => setTimeout(r, 250));
        const { rows } = await runtime.warehouse.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
        );
        waiting = rows[0]!.n;
      }
    } finally {
      await creator.query('commit');
      creator.release();
    }
    const outcomes = await Promise.all(steps);
    expect(outcomes.map((o) => [o.status, o.error])).toEqual(keys.map(() => ['success', undefined]));
    expect(outcomes.every((o) => o.metadata.runner === 'dbt')).toBe(true);
  }, 180_000);

  it("building one model runs only that model's tests, not the tests of models that read it", async () => {
    const dim = await runAssetOnce(runtime, byKey('marts/dim_customers'));
    expect(dim.error).toBeUndefined();
    // fct_orders is not built: dbt's eager selection would run its relationships test to dim_customers
    expect(Object.keys(dim.metadata.dbt_tests as object).sort()).toEqual([
      'not_null_dim_customers_customer_id',
      'unique_dim_customers_customer_id',
    ]);
    expect(dim.metadata).toMatchObject({ dbt_tests_run: 2, dbt_tests_failed: 0 });
  }, 120_000);

  it("runs the source's tests in the step of the model reading it, with dbt's verdicts as checks", async () => {
    const amounts = await runAssetOnce(runtime, byKey('staging/stg_shop__amounts'));
    expect(amounts.status).toBe('success');
    expect(amounts.checks.map((c) => [c.name, c.status, c.metadata.runner])).toEqual([
      ['source_unique_shop_orders_order_id', 'success', 'dbt'],
      ['source_not_null_shop_orders_order_id', 'success', 'dbt'],
    ]);
  }, 120_000);
});
