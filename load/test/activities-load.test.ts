import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeLandingBatch } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';
import { createStravaLoadAssets } from '@voyager/load';
import { externalAsset } from '@voyager/orchestration';
import { allActivities } from './fixtures.js';

describe('raw/strava_activities on real Postgres', () => {
  let runtime: TestRuntime;
  const [activitiesAsset] = createStravaLoadAssets({
    activities: externalAsset('landing/strava/activities'),
  });

  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('loads all 1,132 recorded activities with typed columns, then skips them on a re-run', async () => {
    await writeLandingBatch(runtime.landing, {
      dataset: 'strava/activities',
      runId: 'extract-1',
      records: allActivities(),
      recordsPerPart: 200,
    });
    const first = await runAssetOnce(runtime, activitiesAsset!);
    expect(first.status, first.error).toBe('success');
    expect(first.metadata).toMatchObject({
      rows: 1132,
      rejected_rows: 0,
      objects_loaded: 6,
      objects_skipped: 0,
      new_fields: [],
    });
    expect(first.checks).toEqual([
      expect.objectContaining({ name: 'rejected_rows_ratio', status: 'success' }),
    ]);

    const { rows } = await runtime.warehouse.query(
      `select count(*)::int as n, count(distinct activity_id)::int as ids, sum(distance_m)::numeric(12,1)::text as distance_m
         from raw.strava_activities`,
    );
    // sum of `distance` (metres) over the 1,132 recorded SummaryActivity records
    const expectedM = allActivities().reduce((sum, a) => sum + (a.distance as number), 0);
    expect(expectedM).toBeCloseTo(10826687.8, 1);
    expect(rows[0]).toEqual({ n: 1132, ids: 1132, distance_m: '10826687.8' });
    const one = await runtime.warehouse.query(
      `select name, sport_type, start_date, start_date_local::text as local, distance_m, moving_time_s, average_heartrate_bpm,
              has_heartrate, athlete_id, record->>'external_id' as external_id, _source_object
         from raw.strava_activities where activity_id = 16195505756`,
    );
    expect(one.rows[0]).toMatchObject({
      name: 'Should Not Have',
      sport_type: 'Run',
      local: '2025-10-19 16:00:00',
      distance_m: 6764.8,
      moving_time_s: 2151,
      average_heartrate_bpm: 146.8,
      has_heartrate: true,
      athlete_id: '26462176',
      external_id: 'garmin_ping_492699828617',
    });
    expect((one.rows[0] as { start_date: Date }).start_date.toISOString()).toBe('2025-10-19T20:00:00.000Z');
    expect((one.rows[0] as { _source_object: string })._source_object).toMatch(
      /^strava\/activities\/ingest_date=.*part-00001\.ndjson\.gz$/,
    );

    // the ledger is read once for the table, not once per object
    const queries = vi.spyOn(runtime.warehouse, 'query');
    const again = await runAssetOnce(runtime, activitiesAsset!);
    const ledgerReads = queries.mock.calls.filter(([sql]) =>
      /select "object_key", "sha256" from "voyager"\."load_ledger"/.test(String(sql)),
    );
    queries.mockRestore();
    expect(ledgerReads).toHaveLength(1);
    expect(again.metadata).toMatchObject({ rows: 0, objects_loaded: 0, objects_skipped: 6 });
    const count = await runtime.warehouse.query('select count(*)::int as n from raw.strava_activities');
    expect(count.rows[0].n).toBe(1132);
    const ledger = await runtime.warehouse.query(
      `select count(*)::int as n, sum(rows_loaded)::int as rows from voyager.load_ledger where target_table = 'strava_activities'`,
    );
    expect(ledger.rows[0]).toEqual({ n: 6, rows: 1132 });
  });
});
