import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLandingBatch } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { migrateLoadSchema } from '../src/migrate.js';
import { syntheticStreamRecord } from '@voyager/load/testing';
import { stravaLoadAsset } from './landing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STREAMS_KEY = 'raw/strava_activity_streams';

describe('a load killed in the middle, then re-run (real Postgres, real child process)', () => {
  let runtime: TestRuntime;
  const asset = stravaLoadAsset(STREAMS_KEY);
  const count = async () =>
    (await runtime.warehouse.query('select count(*)::int as n from raw.strava_activity_streams')).rows[0]
      .n as number;

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  /** The load image's entry point, as `--isolation process` and ECS run it (from source here). */
  function loadInChild(): ChildProcess {
    return spawn(
      process.execPath,
      [
        '--conditions=voyager-source',
        '--import',
        'tsx',
        'load/src/main.ts',
        'materialize',
        STREAMS_KEY,
        '--run-id',
        'crash-1',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          VOYAGER_DATABASE_URL: runtime.databaseUrl,
          VOYAGER_LANDING_URL: runtime.landing.url,
          VOYAGER_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  }

  it('leaves no partial object visible, and the re-run gives the full contents once', async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 'small',
      records: [syntheticStreamRecord(1, 1000), syntheticStreamRecord(2, 500)],
    });
    // the big batch's first object is loaded when the child is killed
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activity_streams',
      runId: 'big',
      records: (function* () {
        for (let a = 100; a < 140; a++) yield syntheticStreamRecord(a, 20_000);
      })(),
      recordsPerPart: 20,
    });

    await migrateLoadSchema(runtime.databaseUrl); // as the child's load does first (idempotent)
    // Hold the big batch's first object inside its transaction: a trigger makes its ledger insert
    // (the last statement before commit) wait for an advisory lock the test holds, so the child is
    // killed mid-load for certain instead of racing its own commit.
    await runtime.warehouse.query(`
      create or replace function voyager._test_hold_big() returns trigger language plpgsql as $$
      begin
        if new.object_key like '%run=big%' then perform pg_advisory_xact_lock_shared(4242); end if;
        return new;
      end $$`);
    await runtime.warehouse.query(
      'create trigger _test_hold_big before insert on voyager.load_ledger for each row execute function voyager._test_hold_big()',
    );
    const holder = await runtime.warehouse.connect();
    await holder.query('select pg_advisory_lock(4242)');
    const child = loadInChild();
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 60_000;
    let held: number | undefined;
    while (held === undefined && Date.now() < deadline) {
      const { rows } = await runtime.warehouse.query(
        `select pid from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'`,
      );
      held = rows[0]?.pid as number | undefined;
      if (held === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(held, output).toBeDefined();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // the server aborts the dead client's transaction; end its backend now rather than wait for it
    await runtime.warehouse.query('select pg_terminate_backend($1)', [held]);
    await holder.query('select pg_advisory_unlock(4242)');
    holder.release();
    await runtime.warehouse.query('drop trigger _test_hold_big on voyager.load_ledger');

    // only the small batch, committed before the kill, is visible
    expect(await count()).toBe(1500);
    const ledger = await runtime.warehouse.query(`select object_key from voyager.load_ledger order by 1`);
    expect(ledger.rows).toEqual([{ object_key: expect.stringContaining('run=small') }]);

    const rerun = await runAssetOnce(runtime, asset);
    expect(rerun.status, rerun.error).toBe('success');
    expect(rerun.metadata).toMatchObject({ objects_loaded: 2, objects_skipped: 1, rows: 800_000 });
    expect(await count()).toBe(801_500);
    const again = await runAssetOnce(runtime, asset);
    expect(again.metadata).toMatchObject({ objects_loaded: 0, objects_skipped: 3 });
    expect(await count()).toBe(801_500);
    const perActivity = await runtime.warehouse.query(
      `select count(distinct activity_id)::int as activities, count(*) filter (where point_index >= 20000)::int as beyond
         from raw.strava_activity_streams`,
    );
    expect(perActivity.rows[0]).toEqual({ activities: 42, beyond: 0 });
  }, 120_000);
});
