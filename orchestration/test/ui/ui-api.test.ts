import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AssetDetail,
  AssetList,
  GraphLayout,
  GraphResponse,
  MartRows,
  PartitionsResponse,
  RunDetail,
  RunList,
  SelectionResponse,
} from '@voyager/orchestration/ui-api';
import { startUiTestServer, type UiTestServer } from './ui-test-server.js';
import { writeDemoLiftingMarts } from './fixture-project/demo-lifting-marts.js';

let s: UiTestServer;
const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> => {
  const res = await fetch(`${s.url}/api${path}`);
  expect(res.status, path).toBe(200);
  return schema.parse(await res.json());
};
const enc = encodeURIComponent;

beforeAll(async () => {
  s = await startUiTestServer();
});
afterAll(async () => {
  await s?.close();
});

describe('voyager ui API (embedded Postgres)', () => {
  it('lists every asset in topological order, never materialized at first', async () => {
    const { assets } = await get('/assets', AssetList);
    expect(assets.map((a) => a.key)).toEqual([
      'landing/demo/readings',
      'raw/demo_activities',
      'staging/stg_demo__activities',
      'marts/fct_activities',
    ]);
    expect(assets.map((a) => [a.kind, a.status])).toEqual([
      ['landing', 'never'],
      ['raw', 'never'],
      ['staging', 'never'],
      ['marts', 'never'],
    ]);
    expect(assets[0]!.partitioned).toBe(true);
  });

  it('marks an asset stale when an upstream materialized after it, and counts check verdicts', async () => {
    const rs = s.runtime.runStorage;
    await rs.createRun({ runId: 'stale-1', selection: '*' });
    await rs.recordEvent({
      runId: 'stale-1',
      assetKey: 'staging/stg_demo__activities',
      eventType: 'materialization',
      status: 'success',
    });
    await new Promise((r) => setTimeout(r, 20));
    await rs.recordEvent({
      runId: 'stale-1',
      assetKey: 'raw/demo_activities',
      eventType: 'materialization',
      status: 'success',
      metadata: { rows: 7 },
    });
    await rs.recordEvent({
      runId: 'stale-1',
      assetKey: 'raw/demo_activities',
      eventType: 'check',
      checkName: 'has_rows',
      status: 'failed',
      error: 'no rows',
    });
    await rs.finishRun('stale-1', 'success');
    const { assets } = await get('/assets', AssetList);
    const byKey = new Map(assets.map((a) => [a.key, a]));
    expect(byKey.get('staging/stg_demo__activities')).toMatchObject({ status: 'materialized', stale: true });
    expect(byKey.get('raw/demo_activities')).toMatchObject({
      status: 'materialized',
      stale: false,
      checks: { passed: 0, warn: 0, failed: 1 },
    });
    // marts never materialized while its upstream did: stale too
    expect(byKey.get('marts/fct_activities')).toMatchObject({ status: 'never', stale: true });
  });

  it('serves the graph edges and resolves CLI selections, with the error line for a bad one', async () => {
    const graph = await get('/graph', GraphResponse);
    expect(graph.edges).toContainEqual({ from: 'staging/stg_demo__activities', to: 'marts/fct_activities' });
    expect(graph.edges).toHaveLength(3);
    const layout = await get('/graph/layout', GraphLayout);
    expect(layout.assets.map((a) => a.key).sort()).toEqual(graph.nodes.map((n) => n.key).sort());
    const x = new Map(layout.assets.map((a) => [a.key, a.x]));
    for (const e of graph.edges) expect(x.get(e.from)!).toBeLessThan(x.get(e.to)!);
    const up = await get(`/selection?select=${enc('+staging/stg_demo__activities')}`, SelectionResponse);
    expect(up).toEqual({ keys: ['raw/demo_activities', 'staging/stg_demo__activities'], error: null });
    const bad = await get(`/selection?select=${enc('group:nope')}`, SelectionResponse);
    expect(bad.keys).toEqual([]);
    expect(bad.error).toMatch(/no asset in group "nope"/);
  });

  it('answers an asset page with history, check history and check definitions; 404 for an unknown key', async () => {
    const d = await get(`/assets/${enc('raw/demo_activities')}`, AssetDetail);
    expect(d.history.map((e) => e.metadata)).toEqual([{ rows: 7 }]);
    expect(d.checkHistory.map((e) => [e.checkName, e.status, e.error])).toEqual([
      ['has_rows', 'failed', 'no rows'],
    ]);
    expect(d.checkDefinitions).toEqual([
      { name: 'has_rows', description: 'At least one activity was loaded', blocking: true },
    ]);
    expect(d.downstream).toEqual(['staging/stg_demo__activities']);
    const res = await fetch(`${s.url}/api/assets/${enc('raw/nope')}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/unknown asset raw\/nope/);
  });

  it('reports each partition as materialized, failed or missing', async () => {
    const rs = s.runtime.runStorage;
    await rs.createRun({
      runId: 'parts-1',
      selection: 'landing/demo/readings',
      partitions: ['2026-11-02', '2026-11-03'],
    });
    await rs.recordEvent({
      runId: 'parts-1',
      assetKey: 'landing/demo/readings',
      partitionKey: '2026-11-02',
      eventType: 'materialization',
      status: 'success',
    });
    await rs.recordEvent({
      runId: 'parts-1',
      assetKey: 'landing/demo/readings',
      partitionKey: '2026-11-03',
      eventType: 'failure',
      status: 'failed',
      error: 'boom',
    });
    await rs.finishRun('parts-1', 'failed');
    const p = await get(`/assets/${enc('landing/demo/readings')}/partitions`, PartitionsResponse);
    const status = new Map(p.partitions.map((x) => [x.key, x.status]));
    expect(p.kind).toBe('daily');
    expect(p.partitions[0]!.key).toBe('2026-11-01');
    expect([status.get('2026-11-01'), status.get('2026-11-02'), status.get('2026-11-03')]).toEqual([
      'missing',
      'materialized',
      'failed',
    ]);
    const unpartitioned = await fetch(`${s.url}/api/assets/${enc('raw/demo_activities')}/partitions`);
    expect(unpartitioned.status).toBe(404);
  });

  it('lists runs with their trigger; an Airflow run id names its DAG run', async () => {
    await s.runtime.runStorage.createRun({
      runId: 'demo_daily__scheduled__2026-11-30T05:00:00+00:00',
      selection: '*',
      launchedBy: 'container',
    });
    const { runs } = await get('/runs', RunList);
    const airflow = runs.find((r) => r.runId.startsWith('demo_daily__'))!;
    expect(airflow).toMatchObject({
      trigger: 'airflow',
      dagRun: { dagId: 'demo_daily', runId: 'scheduled__2026-11-30T05:00:00+00:00' },
      status: 'running',
    });
    expect(runs.find((r) => r.runId === 'parts-1')).toMatchObject({ trigger: 'cli', status: 'failed' });
    const failedOnly = await get('/runs?status=failed', RunList);
    expect(failedOnly.runs.map((r) => r.runId)).toEqual(['parts-1']);
    const d = await get('/runs/parts-1', RunDetail);
    expect(d.steps.map((x) => [x.label, x.status])).toEqual([
      ['landing/demo/readings[2026-11-02]', 'success'],
      ['landing/demo/readings[2026-11-03]', 'failed'],
    ]);
    expect(d.cancelable).toBe(false);
    expect((await fetch(`${s.url}/api/runs/nope`)).status).toBe(404);
  });

  it('says a mart is not built yet instead of failing', async () => {
    const res = await fetch(`${s.url}/api/marts/training-weeks`);
    expect(await res.json()).toEqual({ available: false, rows: [] });
    expect((await fetch(`${s.url}/api/marts/raw-stuff`)).status).toBe(404);
  });

  it('answers the lifting dashboard from the lifting marts: weekly volume, 1RM of the six most-logged exercises, latest workouts', async () => {
    await writeDemoLiftingMarts(s.runtime.warehouse);
    const volume = await get('/marts/lifting-weekly-volume', MartRows);
    expect(volume.available).toBe(true);
    expect(new Set(volume.rows.map((r) => r.muscle_group))).toEqual(
      new Set(['legs', 'chest', 'back', 'shoulders', 'arms']),
    );
    const orm = await get('/marts/lifting-one-rep-max', MartRows);
    const exercises = new Set(orm.rows.map((r) => r.exercise_name));
    expect(exercises.size).toBe(6);
    const bench = orm.rows
      .filter((r) => r.exercise_key === 'bench_press')
      .map((r) => Number(r.best_epley_1rm_kg_to_date));
    expect(bench.length).toBeGreaterThan(1);
    expect(bench).toEqual([...bench].sort((a, b) => a - b));
    const workouts = await get('/marts/lifting-workouts', MartRows);
    expect(workouts.rows).toHaveLength(48);
    const days = workouts.rows.map((r) => String(r.date_day));
    expect(days).toEqual([...days].sort().reverse());
    expect(workouts.rows[0]).toMatchObject({ workout_id: 'w47', working_set_count: 15 });
  });

  it('rejects a launch with a bad selection or half a range in one line, starting nothing', async () => {
    const post = (body: unknown) =>
      fetch(`${s.url}/api/launch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ select: 'raw/nope' });
    expect(bad.status).toBe(404);
    const half = await post({ select: '*', from: '2026-11-01' });
    expect(half.status).toBe(400);
    expect(((await half.json()) as { error: string }).error).toBe('from and to go together');
    const before = await get('/runs', RunList);
    expect(before.runs.every((r) => r.launchedBy !== 'ui')).toBe(true);
  });
});
