import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchResponse, LogPage, MartRows, RunDetail } from '@voyager/orchestration/ui-api';
import { startUiTestServer, type UiTestServer } from './ui-test-server.js';

// Launches spawn the real `voyager materialize` (bin, tsx) over the test's embedded Postgres.
let s: UiTestServer;

beforeAll(async () => {
  s = await startUiTestServer();
});
afterAll(async () => {
  await s?.close();
});

const launch = async (body: unknown) => {
  const res = await fetch(`${s.url}/api/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return LaunchResponse.parse(json);
};
const run = async (runId: string) =>
  RunDetail.parse(await (await fetch(`${s.url}/api/runs/${runId}`)).json());
const finished = async (runId: string) => {
  for (let i = 0; i < 600; i++) {
    const d = await run(runId);
    if (d.run.status !== 'running') return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not finish`);
};

describe('launching from the UI', () => {
  it('runs voyager materialize as a child process, records it as a UI run with logs, and fills the marts', async () => {
    const { runId, command } = await launch({ select: '*' });
    expect(command).toEqual(['voyager', 'materialize', '--select', '*']);
    const d = await finished(runId);
    expect(d.run).toMatchObject({ status: 'success', trigger: 'ui', launchedBy: 'ui' });
    expect(d.steps.map((x) => x.status)).toEqual(['success', 'success', 'success', 'success']);
    const logs = LogPage.parse(await (await fetch(`${s.url}/api/runs/${runId}/logs`)).json());
    expect(logs.available).toBe(true);
    expect(logs.lines.map((l) => l.msg)).toContain('run finished');
    const weeks = MartRows.parse(await (await fetch(`${s.url}/api/marts/training-weeks`)).json());
    expect(weeks.available).toBe(true);
    expect(weeks.rows.length).toBeGreaterThan(10);
  });

  it('re-executes a failed run from its failed steps only', async () => {
    const flag = join(s.runtime.config.home, 'fail-raw');
    await writeFile(flag, '1');
    const first = await finished((await launch({ select: 'raw/demo_activities+' })).runId);
    expect(first.run.status).toBe('failed');
    expect(first.steps.map((x) => [x.assetKey, x.status])).toEqual([
      ['raw/demo_activities', 'failed'],
      ['staging/stg_demo__activities', 'skipped'],
      ['marts/fct_activities', 'skipped'],
    ]);
    await rm(flag);
    const again = await launch({ rerunOf: first.run.runId });
    expect(again.command).toEqual([
      'voyager',
      'materialize',
      '--select',
      'raw/demo_activities,staging/stg_demo__activities,marts/fct_activities',
    ]);
    expect((await finished(again.runId)).run.status).toBe('success');
    const nothing = await fetch(`${s.url}/api/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rerunOf: again.runId }),
    });
    expect(nothing.status).toBe(400);
  });

  it('backfills a partition range and cancels a run from the API', async () => {
    // the API takes the grid's pick (first and last partition, both run); the CLI's --to is the end of [from, to)
    const picked = await launch({ select: 'landing/demo/readings', from: '2026-11-05', to: '2026-11-07' });
    expect(picked.command.slice(-4)).toEqual(['--from', '2026-11-05', '--to', '2026-11-08']);
    const backfill = await finished(picked.runId);
    expect(backfill.run.partitions).toEqual(['2026-11-05', '2026-11-06', '2026-11-07']);
    expect(backfill.run.status).toBe('success');
    await writeFile(join(s.runtime.config.home, 'step-ms'), '60000');
    const { runId } = await launch({ select: 'raw/demo_activities' });
    expect((await run(runId)).cancelable).toBe(true);
    const res = await fetch(`${s.url}/api/runs/${runId}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect((await finished(runId)).run.status).toBe('canceled');
    await rm(join(s.runtime.config.home, 'step-ms'));
  });
});
