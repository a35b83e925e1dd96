import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

// A step of several partitions runs in a container as `materialize <key> --from F --to T`.
let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

/** Runs the fixture image's entry point with `args`. */
function main(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string }> {
  const project = fileURLToPath(new URL('./fixtures/cli-project', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=voyager-source', '--import', 'tsx', 'main.ts', ...args],
      {
        cwd: project,
        env: {
          ...process.env,
          VOYAGER_HOME: runtime.home,
          VOYAGER_DATABASE_URL: runtime.databaseUrl,
          VOYAGER_LANDING_URL: join(runtime.home, 'landing'),
          VOYAGER_LOG_LEVEL: 'silent',
          ...env,
        },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('the container entry point with --from/--to', () => {
  it('materializes the range [from, to) as one step and records each partition', async () => {
    expect((await main(['materialize', 'landing/fixture/numbers', '--run-id', 'range-1'])).code).toBe(0);
    const ran = await main([
      'materialize',
      'raw/fixture_numbers',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-04',
      '--run-id',
      'range-1',
    ]);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      assetKey: 'raw/fixture_numbers',
      partitionKey: '2026-01-01',
      status: 'success',
      metadata: { rows: 15 },
    });
    const { rows } = await runtime.warehouse.query<{ day: string; n: string }>(
      `select to_char(day, 'YYYY-MM-DD') as day, count(*) as n from raw.fixture_numbers group by 1 order by 1`,
    );
    expect(rows.map((r) => [r.day, Number(r.n)])).toEqual([
      ['2026-01-01', 5],
      ['2026-01-02', 5],
      ['2026-01-03', 5],
    ]);
    const events = await runtime.runStorage.eventsOfRun('range-1');
    expect(events.filter((e) => e.eventType === 'materialization').map((e) => e.partitionKey)).toEqual([
      '',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
    // --from alone is a usage error
    expect((await main(['materialize', 'raw/fixture_numbers', '--from', '2026-01-01'])).code).toBe(2);
  });

  it('with --catch-up runs the partitions the hook reports beside the one named, as a scheduled Airflow task does', async () => {
    await runtime.warehouse.query('truncate raw.fixture_numbers');
    const ran = await main(
      [
        'materialize',
        'raw/fixture_numbers',
        '--partition',
        '2026-01-05',
        '--catch-up',
        '--run-id',
        'catch-1',
      ],
      { FIXTURE_MISSING_DAYS: '2026-01-03,2026-01-02' },
    );
    expect(ran.code).toBe(0);
    // a step per day (no backfillPolicy), in key order, the named day among them
    expect(
      ran.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { partitionKey: string }).partitionKey),
    ).toEqual(['2026-01-02', '2026-01-03', '2026-01-05']);
    const { rows } = await runtime.warehouse.query<{ day: string }>(
      `select distinct to_char(day, 'YYYY-MM-DD') as day from raw.fixture_numbers order by 1`,
    );
    expect(rows.map((r) => r.day)).toEqual(['2026-01-02', '2026-01-03', '2026-01-05']);
    const events = await runtime.runStorage.eventsOfRun('catch-1');
    expect(events.filter((e) => e.eventType === 'materialization').map((e) => e.partitionKey)).toEqual([
      '2026-01-02',
      '2026-01-03',
      '2026-01-05',
    ]);
    // without it, only the named day; --catch-up needs --partition
    await runtime.warehouse.query('truncate raw.fixture_numbers');
    const one = await main(
      ['materialize', 'raw/fixture_numbers', '--partition', '2026-01-05', '--run-id', 'catch-2'],
      {
        FIXTURE_MISSING_DAYS: '2026-01-03',
      },
    );
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    expect((await main(['materialize', 'raw/fixture_numbers', '--catch-up'])).code).toBe(2);
  });
});
