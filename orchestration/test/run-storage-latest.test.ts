import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateRunStorage, RUN_STORAGE_MIGRATIONS_DIR } from '../src/run-storage/migrate.js';
import { RunStorage, type AssetEvent, type AssetEventInput } from '../src/run-storage/run-storage.js';
import { runMigrations } from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

// Issue 13 point 4: the latest-event reads come from `voyager.latest_asset_events` (kept on write)
// instead of a scan and sort of every event. They must answer exactly what the scans answered.

/** The reads as they were before the table: a `distinct on` over every event. */
const OLD_QUERIES = {
  latestAssetEvents: `select distinct on (asset_key, partition_key) * from voyager.asset_events
    where event_type <> 'check' order by asset_key, partition_key, event_id desc`,
  latestMaterializations: `select distinct on (asset_key, partition_key) * from voyager.asset_events
    where event_type = 'materialization' order by asset_key, partition_key, event_id desc`,
  latestCheckResults: `select distinct on (asset_key, partition_key, check_name) * from voyager.asset_events
    where event_type = 'check' order by asset_key, partition_key, check_name, event_id desc`,
} as const;

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

const TYPES = ['materialization', 'check', 'failure', 'skipped', 'canceled'] as const;

/** `count` events over 12 assets, 4 partitions (and none), 3 checks, mixed types, in runs `runIds`. */
function randomEvents(count: number, runIds: readonly string[], seed: number): AssetEventInput[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, () => {
    const eventType = pick(TYPES);
    return {
      runId: pick(runIds),
      assetKey: `raw/asset_${Math.floor(next() * 12)}`,
      partitionKey: pick(['', '', '2026-01-01', '2026-01-02', '2026-01-03']),
      eventType,
      status:
        eventType === 'materialization'
          ? 'success'
          : eventType === 'check'
            ? pick(['success', 'failed', 'warn'] as const)
            : eventType === 'failure'
              ? 'failed'
              : eventType,
      ...(eventType === 'check' ? { checkName: pick(['rows_positive', 'unique_id', 'fresh']) } : {}),
      metadata: { n: Math.floor(next() * 1000) },
    };
  });
}

/** Every event in one multi-row insert statement (the trigger sees them as one transition table). */
async function insertAll(pool: pg.Pool, events: readonly AssetEventInput[]): Promise<void> {
  await pool.query(
    `insert into voyager.asset_events (run_id, asset_key, partition_key, event_type, check_name, status, metadata)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
    [
      events.map((e) => e.runId),
      events.map((e) => e.assetKey),
      events.map((e) => e.partitionKey ?? ''),
      events.map((e) => e.eventType),
      events.map((e) => e.checkName ?? null),
      events.map((e) => e.status),
      events.map((e) => JSON.stringify(e.metadata ?? {})),
    ],
  );
}

/** The three reads the old way and the new way, as event ids in order. */
async function bothWays(pool: pg.Pool): Promise<{ old: number[][]; now: number[][] }> {
  const ids = (events: readonly AssetEvent[]) => events.map((e) => e.eventId);
  const storage = new RunStorage(pool);
  const old: number[][] = [];
  for (const sql of Object.values(OLD_QUERIES))
    old.push((await pool.query<{ event_id: string }>(sql)).rows.map((r) => Number(r.event_id)));
  const now = [
    ids(await storage.latestAssetEvents()),
    ids(await storage.latestMaterializations()),
    ids(await storage.latestCheckResults()),
  ];
  return { old, now };
}

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

describe('latest events per asset, partition and check (voyager.latest_asset_events)', () => {
  it('answer what the scans over every event answered: single inserts, bulk inserts, late older ids', async () => {
    const storage = runtime.runStorage;
    const runIds = ['r1', 'r2', 'r3'];
    for (const runId of runIds) await storage.createRun({ runId, selection: '*' });
    for (const e of randomEvents(300, runIds, 1)) await storage.recordEvent(e);
    await insertAll(runtime.warehouse, randomEvents(5_000, runIds, 2)); // one statement, many per key
    // an event written late with an older id (a slow writer's sequence value) changes nothing
    const before = await bothWays(runtime.warehouse);
    const oldest = (
      await runtime.warehouse.query<{ id: string }>('select min(event_id) as id from voyager.asset_events')
    ).rows[0]!.id;
    await runtime.warehouse.query(
      `insert into voyager.asset_events (event_id, run_id, asset_key, event_type, status)
       values ($1 - 1, 'r1', 'raw/asset_0', 'failure', 'failed')`,
      [oldest],
    );
    const after = await bothWays(runtime.warehouse);
    expect(after.now).toEqual(before.now);
    for (const { old, now } of [before, after]) {
      expect(now).toEqual(old);
      expect(now[0]!.length).toBeGreaterThan(12); // partitions of every asset
      expect(now[2]!.length).toBeGreaterThan(now[1]!.length); // three checks per key
    }
    // whole events, not only ids
    const oldRows = await runtime.warehouse.query(OLD_QUERIES.latestCheckResults);
    expect((await storage.latestCheckResults()).map((e) => e.metadata)).toEqual(
      oldRows.rows.map((r: { metadata: unknown }) => r.metadata),
    );
  });

  it('a store upgraded from the previous schema gets the table filled from its history', async () => {
    const url = new URL(runtime.databaseUrl);
    await runtime.warehouse.query('create database upgraded');
    url.pathname = '/upgraded';
    const previous = await mkdtemp(join(tmpdir(), 'voyager-migrations-'));
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    try {
      const files = (await readdir(RUN_STORAGE_MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      for (const f of files.filter((f) => f < '1764550000000'))
        await cp(join(RUN_STORAGE_MIGRATIONS_DIR, f), join(previous, f));
      await runMigrations(url.toString(), { dir: previous, migrationsTable: 'migrations_run_storage' });
      await pool.query(`insert into voyager.runs (run_id, status, selection) values ('old', 'success', '*')`);
      await insertAll(pool, randomEvents(2_000, ['old'], 3));
      await migrateRunStorage(url.toString());
      const { old, now } = await bothWays(pool);
      expect(now).toEqual(old);
      expect(now.every((ids) => ids.length > 0)).toBe(true);
    } finally {
      await pool.end();
      await rm(previous, { recursive: true, force: true });
    }
  });
});
