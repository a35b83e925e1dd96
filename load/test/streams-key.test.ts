import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { LOAD_MIGRATIONS_DIR, migrateLoadSchema } from '../src/migrate.js';
import { syntheticStreamRecord } from '@voyager/load/testing';
import { stravaLoadAsset, writeRawBatch } from './landing.js';

/** The migration of issue 13 point 2: the key of the stream points, and the `_loaded_at` index. */
const KEY_MIGRATION = '1765000000000_streams-key-and-loaded-at.sql';

describe('raw.strava_activity_streams key (activity_id, point_index) on real Postgres', () => {
  let runtime: TestRuntime;
  let before: string;
  const asset = stravaLoadAsset('raw/strava_activity_streams');
  const query = async (sql: string, values: unknown[] = []) =>
    (await runtime.warehouse.query(sql, values)).rows;
  const insertPoint = (activity: number, index: number, loadedAt: string) =>
    query(
      `insert into raw.strava_activity_streams (activity_id, point_index, time_s, _source_object, _loaded_at)
       values ($1, $2, $3, 'by-hand', $4)`,
      [activity, index, index, loadedAt],
    );

  beforeAll(async () => {
    runtime = await createTestRuntime();
    // the migrations before the key: a table filled under the old schema
    before = await mkdtemp(join(tmpdir(), 'voyager-migrations-'));
    for (const file of await readdir(LOAD_MIGRATIONS_DIR)) {
      if (file < KEY_MIGRATION) await cp(join(LOAD_MIGRATIONS_DIR, file), join(before, file));
    }
    await runMigrations(runtime.databaseUrl, { dir: before, migrationsTable: 'migrations_load' });
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(before, { recursive: true, force: true });
  });

  it('migrates a filled table: a repeated point keeps its newest row, and the key then exists', async () => {
    await insertPoint(7, 0, '2026-01-01T00:00:00Z');
    await insertPoint(7, 1, '2026-01-01T00:00:00Z');
    await insertPoint(7, 1, '2026-01-02T00:00:00Z');
    await migrateLoadSchema(runtime.databaseUrl);
    expect(
      await query(
        `select point_index, _loaded_at::date::text as day from raw.strava_activity_streams where activity_id = 7 order by 1`,
      ),
    ).toEqual([
      { point_index: 0, day: '2026-01-01' },
      { point_index: 1, day: '2026-01-02' },
    ]);
    const indexes = await query(
      `select indexname from pg_indexes where schemaname = 'raw' and tablename = 'strava_activity_streams' order by 1`,
    );
    expect(indexes.map((r) => r.indexname)).toEqual([
      'strava_activity_streams_loaded_at',
      'strava_activity_streams_pkey',
    ]);
  });

  it('refuses a second row of the same point (checked at commit)', async () => {
    await expect(insertPoint(7, 0, '2026-01-03T00:00:00Z')).rejects.toThrow(
      /duplicate key value violates unique constraint "strava_activity_streams_pkey"/,
    );
  });

  it("the bulk load still replaces an activity's points as a whole under the key", async () => {
    await writeRawBatch(runtime.landing, 'strava/activity_streams', 'first', [
      JSON.stringify(syntheticStreamRecord(1, 40)),
    ]);
    expect((await runAssetOnce(runtime, asset)).metadata).toMatchObject({ rows: 40 });
    await writeRawBatch(runtime.landing, 'strava/activity_streams', 'second', [
      JSON.stringify(syntheticStreamRecord(1, 50)),
    ]);
    expect((await runAssetOnce(runtime, asset)).metadata).toMatchObject({ rows: 50, objects_loaded: 1 });
    expect(
      await query(
        'select count(*)::int as n, count(distinct _source_object)::int as objects from raw.strava_activity_streams where activity_id = 1',
      ),
    ).toEqual([{ n: 50, objects: 1 }]);
  });
});
