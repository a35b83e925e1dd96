import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  definitions,
  executeRun,
  image,
  loadDbtAssets,
  type DbtAssets,
  type RunResult,
} from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { rawActivitiesAsset, rawDeletionsAsset, recordedActivities } from './raw-strava.js';

const PROJECT = fileURLToPath(new URL('../../../transformation', import.meta.url));
const raw = rawActivitiesAsset();
const deletions = rawDeletionsAsset();
const loadImage = image({
  name: 'load',
  description: 'test stand-in',
  dockerfile: 'load/Dockerfile',
  command: ['true'],
  resources: { cpu: 256, memoryMiB: 512 },
});
let runtime: TestRuntime;
let dbt: DbtAssets;

beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
  dbt = await loadDbtAssets({ projectDir: PROJECT, upstream: [raw, deletions], missingUpstream: 'skip' });
});
afterAll(async () => {
  await runtime?.close();
});

const byKey = (key: string) => {
  const a = dbt.assets.find((x) => x.key === key);
  if (!a) throw new Error(`no asset ${key}`);
  return a;
};

describe('dbt project as assets', () => {
  it('declares one asset per model with deps from ref() and source() meta.voyager_asset, and tests as checks', () => {
    const stg = byKey('staging/stg_strava__activities');
    const fct = byKey('marts/fct_activities');
    expect(stg.deps.map((d) => d.key)).toEqual(['raw/strava_activities', 'raw/strava_activity_deletions']);
    // ref() gives the staging dep; relationships tests make the dims upstream too
    expect(fct.deps.map((d) => d.key).sort()).toEqual([
      'marts/dim_date',
      'marts/dim_sport_type',
      'staging/stg_strava__activities',
    ]);
    expect(stg).toMatchObject({
      image: 'dbt',
      group: 'staging',
      tags: { kind: 'dbt', dbt_model: 'stg_strava__activities', dbt_folder: 'staging', materialized: 'view' },
    });
    expect(fct).toMatchObject({ group: 'marts', tags: { materialized: 'table', dbt_folder: 'marts' } });
    const fctChecks = Object.fromEntries(fct.checks.map((c) => [c.name, c.blocking]));
    expect(fctChecks).toMatchObject({
      unique_fct_activities_activity_id: true,
      not_null_fct_activities_activity_id: true,
      assert_moving_time_within_elapsed_time: true,
    });
    expect(stg.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'accepted_values_stg_strava__activities_record_source',
        'source_freshness_strava_activities',
      ]),
    );
    expect(dbt.image).toMatchObject({ name: 'dbt', dockerfile: 'transformation/Dockerfile' });
  });

  it('refuses a source whose voyager_asset is not upstream, naming it', async () => {
    await expect(
      loadDbtAssets({ projectDir: PROJECT, upstream: [], missingUpstream: 'error' }),
    ).rejects.toThrow(/names voyager_asset "raw\/strava_activities", which is not among the upstream assets/);
    // by default, models whose raw data no upstream asset fills are left out, with their downstream
    const partial = await loadDbtAssets({ projectDir: PROJECT, upstream: [raw, deletions] });
    expect(partial.assets.map((a) => a.key)).not.toContain('marts/fct_heart_rate_zones');
    expect(partial.skipped).toContainEqual({
      model: 'fct_heart_rate_zones',
      missing: 'raw/strava_activity_streams',
    });
  });
});

describe('built-in runner on the recorded activities', () => {
  it('builds staging -> fct_activities with 1132 rows, twice, and all checks pass', async () => {
    for (let round = 0; round < 2; round++) {
      expect((await runAssetOnce(runtime, raw)).status).toBe('success');
      const stg = await runAssetOnce(runtime, byKey('staging/stg_strava__activities'));
      expect(stg.error).toBeUndefined();
      expect(stg.checks.every((c) => c.status === 'success')).toBe(true);
      for (const dim of ['marts/dim_sport_type', 'marts/dim_date'])
        expect((await runAssetOnce(runtime, byKey(dim))).status).toBe('success');
      const fct = await runAssetOnce(runtime, byKey('marts/fct_activities'));
      expect(fct.error).toBeUndefined();
      expect(fct.checks.map((c) => [c.name, c.status]).filter(([, s]) => s !== 'success')).toEqual([]);
      expect(fct.metadata).toMatchObject({
        rows: 1132,
        relation: '"marts"."fct_activities"',
        materialized: 'table',
        runner: 'builtin',
      });
    }
    const n = await runtime.warehouse.query<{ n: string }>('select count(*) as n from marts.fct_activities');
    expect(Number(n.rows[0]!.n)).toBe(1132);
    const kind = await runtime.warehouse.query<{ relkind: string }>(
      `select relkind from pg_class where oid = 'staging.stg_strava__activities'::regclass`,
    );
    expect(kind.rows[0]!.relkind).toBe('v');
  });

  it('counts activities per sport type exactly as the raw records, and sums distances exactly', async () => {
    const expected = new Map<string, { n: number; m: number }>();
    for (const r of recordedActivities()) {
      const e = expected.get(String(r.sport_type)) ?? { n: 0, m: 0 };
      expected.set(String(r.sport_type), { n: e.n + 1, m: e.m + Number(r.distance) });
    }
    const rows = await runtime.warehouse.query<{ sport_type: string; n: string; m: string }>(
      'select sport_type, count(*) as n, sum(distance_m) as m from marts.fct_activities group by sport_type',
    );
    expect(rows.rows).toHaveLength(expected.size);
    for (const row of rows.rows) {
      expect(Number(row.n)).toBe(expected.get(row.sport_type)?.n);
      expect(Number(row.m)).toBeCloseTo(expected.get(row.sport_type)!.m, 3);
    }
    expect(expected.get('Run')?.n).toBe(902);
  });
});

describe('failures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'voyager-dbt-project-'));
    await cp(PROJECT, dir, { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a failing blocking dbt test fails its check and the step', async () => {
    // a singular test that every row fails
    await writeFile(
      join(dir, 'tests', 'assert_no_activities.sql'),
      "select activity_id from {{ ref('fct_activities') }}\n",
    );
    const broken = await loadDbtAssets({
      projectDir: dir,
      upstream: [raw, deletions],
      missingUpstream: 'skip',
    });
    const fct = broken.assets.find((a) => a.key === 'marts/fct_activities')!;
    const outcome = await runAssetOnce(runtime, fct);
    expect(outcome.status).toBe('failed');
    expect(outcome.blockedByCheck).toBe(true);
    expect(outcome.checks.find((c) => c.name === 'assert_no_activities')).toMatchObject({
      status: 'failed',
      metadata: { failures: 1132 },
    });
    await rm(join(dir, 'tests', 'assert_no_activities.sql'));
  });

  it('with the executor, a failing blocking test stops downstream; a failing warn test does not', async () => {
    await writeFile(
      join(dir, 'tests', 'assert_no_runs.sql'),
      "select activity_id from {{ ref('stg_strava__activities') }} where sport_type = 'Run'\n",
    );
    await writeFile(
      join(dir, 'tests', 'assert_no_swims.sql'),
      "{{ config(severity='warn') }}\nselect activity_id from {{ ref('fct_activities') }} where sport_type = 'Swim'\n",
    );
    const run = async () => {
      const project = await loadDbtAssets({ projectDir: dir, upstream: [raw, deletions] });
      const defs = definitions({
        assets: [raw, deletions, ...project.assets],
        images: [loadImage, project.image],
      });
      return executeRun({
        definitions: defs,
        runtime,
        log: createLogger({ level: 'silent', pretty: false }),
        selection: '*',
      });
    };
    const blocked = await run();
    const status = (r: RunResult) => Object.fromEntries(r.outcomes.map((o) => [o.assetKey, o.status]));
    expect(status(blocked)).toMatchObject({
      'raw/strava_activities': 'success',
      'staging/stg_strava__activities': 'failed',
      'marts/fct_activities': 'skipped',
      'marts/fct_training_weeks': 'skipped',
    });
    const stg = blocked.outcomes.find((o) => o.assetKey === 'staging/stg_strava__activities')!;
    expect(stg.checks.find((c) => c.name === 'assert_no_runs')).toMatchObject({
      status: 'failed',
      blocking: true,
      metadata: { failures: 902 },
    });

    await rm(join(dir, 'tests', 'assert_no_runs.sql'));
    const warned = await run();
    expect(warned.status).toBe('success');
    const fct = warned.outcomes.find((o) => o.assetKey === 'marts/fct_activities')!;
    expect(fct.checks.find((c) => c.name === 'assert_no_swims')).toMatchObject({
      status: 'warn',
      blocking: false,
      metadata: { failures: 159 },
    });
    expect(status(warned)['marts/fct_training_weeks']).toBe('success');
    await rm(join(dir, 'tests', 'assert_no_swims.sql'));
  });

  it('Jinja outside the subset fails with the file, the line and "install dbt-core"', async () => {
    await writeFile(
      join(dir, 'models', 'marts', 'fct_starred.sql'),
      "with a as (\n  select 1\n)\nselect {{ dbt_utils.star(ref('fct_activities')) }} from {{ ref('fct_activities') }}\n",
    );
    const withStar = await loadDbtAssets({
      projectDir: dir,
      upstream: [raw, deletions],
      missingUpstream: 'skip',
    });
    const outcome = await runAssetOnce(
      runtime,
      withStar.assets.find((a) => a.key === 'marts/fct_starred')!,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.nonRetryable).toBe(true);
    expect(outcome.error).toMatch(
      /models\/marts\/fct_starred\.sql:4: dbt_utils\.star\(\).*install dbt-core to run this model/,
    );
    await rm(join(dir, 'models', 'marts', 'fct_starred.sql'));
  });
});

describe('bulk-export activities', () => {
  it('lands a bulk-export record (no local time) in fct_activities and its training week', async () => {
    // the shape extract's bulk-export converter writes to strava/activities: SummaryActivity
    // field names, no start_date_local / timezone, and `_source: bulk_export`
    const exported = {
      id: 99_000_000_002,
      name: 'Imported run',
      type: 'Run',
      sport_type: 'Run',
      start_date: '2016-03-06T23:30:00Z',
      distance: 10_000,
      moving_time: 3000,
      elapsed_time: 3100,
      total_elevation_gain: 12,
      has_heartrate: false,
      _source: 'bulk_export',
    };
    await runAssetOnce(
      runtime,
      rawActivitiesAsset(() => [exported]),
    );
    for (const key of [
      'staging/stg_strava__activities',
      'marts/dim_sport_type',
      'marts/dim_date',
      'marts/fct_activities',
      'marts/fct_training_weeks',
    ]) {
      const outcome = await runAssetOnce(runtime, byKey(key));
      expect(
        outcome.checks.filter((c) => c.status !== 'success' && !c.name.startsWith('source_freshness')),
      ).toEqual([]);
      expect(outcome.status, key).toBe('success');
    }
    const [row] = await runtime.warehouse
      .query(
        `select record_source, to_char(activity_date, 'YYYY-MM-DD') as day from marts.fct_activities where activity_id = ${exported.id}`,
      )
      .then((r) => r.rows as Array<{ record_source: string; day: string }>);
    expect(row).toEqual({ record_source: 'bulk_export', day: '2016-03-06' });
    const [week] = await runtime.warehouse
      .query(
        `select activity_count, distance_m from marts.fct_training_weeks where training_week_id = '2016-W09-Run'`,
      )
      .then((r) => r.rows as Array<{ activity_count: string; distance_m: string }>);
    expect({ n: Number(week!.activity_count), m: Number(week!.distance_m) }).toEqual({ n: 1, m: 10_000 });
  });
});
