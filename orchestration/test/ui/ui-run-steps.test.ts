import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import { newestEventsOfRun, storedSteps } from '../../src/ui-server/run-events-query.js';
import { migrateRunStorage, RUN_STORAGE_MIGRATIONS_DIR } from '../../src/run-storage/migrate.js';

// Issue 14: the run page's steps come from `voyager.run_steps` (kept on write by a trigger) and
// its newest events from the `(run_id, event_id)` index. They must answer exactly what the
// grouped scan over every event of the run answered.

/** The steps as they were read before the table: grouped from every event of the run. */
const GROUPED_FROM_EVENTS = `select asset_key, partition_key,
    min(coalesce(started_at, finished_at - coalesce(duration_ms, 0) * interval '1 millisecond')) as started_at,
    max(finished_at) as finished_at, max(attempt) as attempts,
    (array_agg(event_type order by event_id desc))[1] as last_event_type
  from voyager.asset_events where run_id = $1 and event_type <> 'check'
  group by asset_key, partition_key order by 3, 1, 2`;

/** The run-storage migration before `run_steps`. */
const BEFORE_RUN_STEPS = '1764600000000';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['materialization', 'check', 'failure', 'skipped', 'canceled'];
const STATUS: Record<string, string> = {
  materialization: 'success',
  check: 'warn',
  failure: 'failed',
  skipped: 'skipped',
  canceled: 'canceled',
};

/**
 * `count` events in one insert statement (the trigger sees them as one transition table): 8 assets,
 * 3 partitions, mixed types and attempts; some with a start, some with only a duration.
 */
async function insertEvents(pool: pg.Pool, runIds: readonly string[], count: number, seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const rows = Array.from({ length: count }, () => {
    const type = pick(TYPES);
    const finished = Date.UTC(2026, 10, 1) + Math.floor(next() * 3_600_000);
    const duration = Math.floor(next() * 60_000);
    const started = pick(['start', 'duration', 'none']);
    return [
      pick(runIds),
      `raw/asset_${Math.floor(next() * 8)}`,
      pick(['', '', '2026-11-01', '2026-11-02']),
      type,
      type === 'check' ? 'rows_positive' : null,
      STATUS[type]!,
      1 + Math.floor(next() * 3),
      started === 'start' ? new Date(finished - duration).toISOString() : null,
      new Date(finished).toISOString(),
      started === 'none' ? null : duration,
    ] as const;
  });
  await pool.query(
    `insert into voyager.asset_events
       (run_id, asset_key, partition_key, event_type, check_name, status, attempt, started_at, finished_at, duration_ms)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                          $8::timestamptz[], $9::timestamptz[], $10::int[])`,
    Array.from({ length: 10 }, (_, i) => rows.map((r) => r[i])),
  );
}

/** A run's steps the old way and from the table, in the same shape. */
async function bothWays(pool: pg.Pool, runId: string) {
  const old = await pool.query<{
    asset_key: string;
    partition_key: string;
    started_at: Date;
    finished_at: Date;
    attempts: number;
    last_event_type: string;
  }>(GROUPED_FROM_EVENTS, [runId]);
  return {
    old: old.rows.map((r) => ({
      assetKey: r.asset_key,
      partitionKey: r.partition_key,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      attempts: r.attempts,
      lastEventType: r.last_event_type,
    })),
    now: await storedSteps(pool, runId),
  };
}

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

describe('the run page reads (voyager.run_steps, newest events by index)', () => {
  it('steps equal the grouped scan: single events, bulk inserts, a late event with an older id', async () => {
    const storage = runtime.runStorage;
    const runIds = ['s1', 's2'];
    for (const runId of runIds) await storage.createRun({ runId, selection: '*' });
    for (let i = 0; i < 40; i++) await insertEvents(runtime.warehouse, runIds, 1, 100 + i);
    await insertEvents(runtime.warehouse, runIds, 3_000, 7);
    for (let i = 0; i < 40; i++) await insertEvents(runtime.warehouse, runIds, 1, 200 + i);
    await storage.recordEvent({
      runId: 's1',
      assetKey: 'raw/asset_9',
      eventType: 'check',
      status: 'success',
    });
    // an event with an older id written late (a slow writer's sequence value): it widens the
    // step's times but does not become the step's newest event
    const oldest = (
      await runtime.warehouse.query<{ id: string }>('select min(event_id) as id from voyager.asset_events')
    ).rows[0]!.id;
    await runtime.warehouse.query(
      `insert into voyager.asset_events (event_id, run_id, asset_key, event_type, status, attempt, started_at, finished_at)
       values ($1 - 1, 's1', 'raw/asset_0', 'skipped', 'skipped', 7, '2026-10-01', '2026-12-01')`,
      [oldest],
    );
    for (const runId of runIds) {
      const { old, now } = await bothWays(runtime.warehouse, runId);
      expect(now).toEqual(old);
      expect(now.length).toBeGreaterThan(20); // 8 assets x 3 partitions, nearly all present
      expect(now.some((s) => s.assetKey === 'raw/asset_9')).toBe(false); // a check is not a step
    }
    const late = (await storedSteps(runtime.warehouse, 's1')).find(
      (s) => s.assetKey === 'raw/asset_0' && s.partitionKey === '',
    )!;
    expect(late).toMatchObject({ attempts: 7, startedAt: new Date('2026-10-01T00:00:00Z') });
    expect(late.lastEventType).not.toBe('skipped');
  });

  it('newest events: the last `limit` of the run, oldest first, and how many there are', async () => {
    await runtime.runStorage.createRun({ runId: 'n1', selection: '*' });
    await insertEvents(runtime.warehouse, ['n1', 's2'], 1_000, 11);
    const all = await runtime.warehouse.query<{ event_id: string }>(
      `select event_id from voyager.asset_events where run_id = 'n1' order by event_id`,
    );
    const ids = all.rows.map((r) => Number(r.event_id));
    const { events, total } = await newestEventsOfRun(runtime.warehouse, 'n1', 50);
    expect(total).toBe(ids.length);
    expect(events.map((e) => e.eventId)).toEqual(ids.slice(-50));
    expect((await newestEventsOfRun(runtime.warehouse, 'n1', 5_000)).events).toHaveLength(ids.length);
  });

  it('a store upgraded from the previous schema gets the steps of its runs from their history', async () => {
    const url = new URL(runtime.databaseUrl);
    await runtime.warehouse.query('create database upgraded_steps');
    url.pathname = '/upgraded_steps';
    const previous = await mkdtemp(join(tmpdir(), 'voyager-migrations-'));
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      const files = (await readdir(RUN_STORAGE_MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      for (const f of files.filter((f) => f < BEFORE_RUN_STEPS))
        await cp(join(RUN_STORAGE_MIGRATIONS_DIR, f), join(previous, f));
      await runMigrations(url.toString(), { dir: previous, migrationsTable: 'migrations_run_storage' });
      await pool.query(`insert into voyager.runs (run_id, status, selection) values ('old', 'success', '*')`);
      await insertEvents(pool, ['old'], 2_000, 3);
      await migrateRunStorage(url.toString());
      const { old, now } = await bothWays(pool, 'old');
      expect(now).toEqual(old);
      expect(now.length).toBeGreaterThan(20);
    } finally {
      await pool.end();
      await rm(previous, { recursive: true, force: true });
    }
  });
});
