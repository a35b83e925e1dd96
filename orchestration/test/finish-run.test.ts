import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

// Runs of container steps (Airflow) are closed by a last `finish-run` task from their events.
let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const event = (
  runId: string,
  assetKey: string,
  eventType: 'materialization' | 'failure' | 'check',
  status: 'success' | 'failed' | 'warn',
  checkName?: string,
) =>
  runtime.runStorage.recordEvent({ runId, assetKey, eventType, status, ...(checkName ? { checkName } : {}) });

/** Runs the fixture image's entry point: `finish-run --run-id <runId>`. */
function finish(runId: string): Promise<{ code: number | null; stdout: string }> {
  const project = fileURLToPath(new URL('./fixtures/cli-project', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=voyager-source', '--import', 'tsx', 'main.ts', 'finish-run', '--run-id', runId],
      {
        cwd: project,
        env: { ...process.env, VOYAGER_DATABASE_URL: runtime.databaseUrl, VOYAGER_LOG_LEVEL: 'silent' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('finishing a run from its events', () => {
  it('is success when every step ended well, counting a retry that succeeded and warn-only checks', async () => {
    await runtime.runStorage.createRun({ runId: 'ok', selection: '*' });
    await event('ok', 'raw/a', 'failure', 'failed');
    await event('ok', 'raw/a', 'materialization', 'success');
    await event('ok', 'raw/b', 'materialization', 'success');
    await event('ok', 'raw/b', 'check', 'warn', 'rejected_rows_ratio');
    expect(await runtime.runStorage.finishRunFromEvents('ok')).toEqual({ status: 'success' });
    expect((await runtime.runStorage.recentRuns(5)).find((r) => r.runId === 'ok')?.status).toBe('success');
  });

  it('is failed, naming what failed, for a failed step, a failed blocking check, or no event at all', async () => {
    await runtime.runStorage.createRun({ runId: 'bad', selection: '*' });
    await event('bad', 'raw/a', 'materialization', 'success');
    await event('bad', 'raw/a', 'check', 'failed', 'unique_id');
    await event('bad', 'raw/b', 'failure', 'failed');
    expect(await runtime.runStorage.finishRunFromEvents('bad')).toEqual({
      status: 'failed',
      error: 'failed: raw/a check unique_id, raw/b',
    });
    await runtime.runStorage.createRun({ runId: 'empty', selection: '*' });
    expect((await runtime.runStorage.finishRunFromEvents('empty')).status).toBe('failed');
  });

  it('is what `<image command> finish-run --run-id R` does, printing { runId, status }; exit 1 when failed', async () => {
    const runId = 'scheduled__2026-11-20T05:00:00+00:00';
    await runtime.runStorage.createRun({ runId, selection: '*' });
    await event(runId, 'raw/a', 'materialization', 'success');
    const ok = await finish(runId);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ runId, status: 'success' });
    // the finish task is the DAG's only leaf: a failed run must fail it, so the DAG run fails
    await event(runId, 'raw/b', 'failure', 'failed');
    const failed = await finish(runId);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ runId, status: 'failed', error: 'failed: raw/b' });
  });
});
