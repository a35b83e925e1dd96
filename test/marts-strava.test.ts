import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelRelation, readDbtProject, type RunResult } from '@voyager/orchestration/testing';
import { transformationDir } from './real-dbt.js';
import { recordedActivities, startStravaPipeline, type StravaPipeline } from './strava-pipeline.js';

// The Strava marts on the recorded responses, landed and loaded by the real extract and load
// assets (the simulator serves ../shared/data/strava-api-v3), built by the built-in runner. The
// expected figures are computed here from the recorded responses or the raw tables.
let pipeline: StravaPipeline;
let run: RunResult;
let activities: Array<Record<string, unknown>>;
const q = async <T>(sql: string): Promise<T[]> => (await pipeline.runtime.warehouse.query(sql)).rows as T[];

beforeAll(async () => {
  activities = await recordedActivities();
  pipeline = await startStravaPipeline({ VOYAGER_DBT_RUNNER: 'builtin' });
  run = await pipeline.run();
}, 600_000);
afterAll(async () => {
  await pipeline?.close();
});

describe('the Strava marts from the recorded responses (real extract and load, built-in runner)', () => {
  it('materializes every asset, and every check passes but the freshness of the empty export table', () => {
    const failedChecks = (o: RunResult['outcomes'][number]) =>
      o.checks.filter(
        (c) => c.status !== 'success' && c.name !== 'source_freshness_strava_export_activities',
      );
    const failed = run.outcomes.filter((o) => o.status !== 'success' || failedChecks(o).length > 0);
    expect(failed.map((o) => [o.assetKey, o.error, failedChecks(o)])).toEqual([]);
    expect(run.outcomes.map((o) => o.assetKey)).toEqual(
      expect.arrayContaining(['marts/fct_heart_rate_zones', 'marts/fct_personal_records']),
    );
  });

  it('documents every model (its grain) and exactly the columns it builds', async () => {
    const project = await readDbtProject(transformationDir);
    for (const model of project.models.values()) {
      expect(model.description, model.name).toMatch(/^One row per /);
      // the relation the model builds: its alias (marts_sales.dim_date is model sales_dim_date) or name
      const { schema, identifier } = modelRelation(model, 'public');
      const built = await q<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = '${schema}' and table_name = '${identifier}'`,
      );
      expect(model.columns.map((c) => c.name).sort(), model.name).toEqual(
        built.map((c) => c.column_name).sort(),
      );
      for (const c of model.columns) expect(c.description, `${model.name}.${c.name}`).not.toBe('');
    }
    // the Strava project's 15 models, and those of the other sources beside them
    expect(project.models.size).toBeGreaterThanOrEqual(15);
  });

  it('fct_activities and dim_sport_type count the activities of each sport type as the recorded responses do', async () => {
    const expected: Record<string, number> = {};
    for (const a of activities) expected[String(a.sport_type)] = (expected[String(a.sport_type)] ?? 0) + 1;
    expect(expected).toMatchObject({ Run: 902, Swim: 159, AlpineSki: 51, TrailRun: 6, Hike: 6 });
    const dims = await q<{ sport_type: string; activity_count: string }>(
      'select sport_type, activity_count from marts.dim_sport_type',
    );
    expect(Object.fromEntries(dims.map((r) => [r.sport_type, Number(r.activity_count)]))).toEqual(expected);
    const facts = await q<{ sport_type: string; n: string; m: string }>(
      'select sport_type, count(*) as n, sum(distance_m) as m from marts.fct_activities group by sport_type',
    );
    expect(Object.fromEntries(facts.map((r) => [r.sport_type, Number(r.n)]))).toEqual(expected);
    for (const r of facts) {
      const m = activities
        .filter((a) => a.sport_type === r.sport_type)
        .reduce((s, a) => s + Number(a.distance), 0);
      expect(Number(r.m), r.sport_type).toBeCloseTo(m, 3);
    }
  });

  it("stg_strava__activities keeps each activity's summary polyline (null when Strava's is empty) for the UI's route", async () => {
    const rows = await q<{ id: string; summary_polyline: string | null }>(
      'select activity_id::text as id, summary_polyline from staging.stg_strava__activities',
    );
    const byId = new Map(rows.map((r) => [r.id, r.summary_polyline]));
    for (const a of activities) {
      const recorded = (a.map as { summary_polyline?: string } | undefined)?.summary_polyline;
      expect(byId.get(String(a.id)), String(a.id)).toBe(recorded ? recorded : null);
    }
    expect(rows.filter((r) => r.summary_polyline !== null).length).toBeGreaterThan(100);
  });

  it('fct_training_weeks: every ISO week and sport type has the count, distance and time of its activities', async () => {
    const expected = new Map<string, { n: number; m: number; s: number }>();
    for (const a of activities) {
      const local = new Date(String(a.start_date_local)); // Strava's local wall time, written with a Z
      const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const key = `${monday}|${String(a.sport_type)}`;
      const e = expected.get(key) ?? { n: 0, m: 0, s: 0 };
      expected.set(key, { n: e.n + 1, m: e.m + Number(a.distance), s: e.s + Number(a.moving_time) });
    }
    const rows = await q<{ week: string; sport_type: string; n: string; m: string; s: string }>(
      "select to_char(week_start_date, 'YYYY-MM-DD') as week, sport_type, activity_count as n, distance_m as m, moving_time_s as s from marts.fct_training_weeks",
    );
    expect(rows).toHaveLength(expected.size);
    for (const r of rows) {
      const e = expected.get(`${r.week}|${r.sport_type}`);
      expect(e, `${r.week} ${r.sport_type}`).toBeDefined();
      expect([Number(r.n), Number(r.s)]).toEqual([e!.n, e!.s]);
      expect(Number(r.m)).toBeCloseTo(e!.m, 3);
    }
  });

  it("fct_heart_rate_zones: seconds per zone as computed from the loaded stream and the athlete's zones", async () => {
    const zones = await q<{ zone_index: number; min_value: number; max_value: number }>(
      "select zone_index, min_value, max_value from raw.strava_athlete_zones where zone_type = 'heart_rate' order by zone_index",
    );
    expect(zones.length).toBeGreaterThan(0);
    const sample = await q<{ activity_id: string }>(
      'select distinct activity_id::text from raw.strava_activity_streams where heartrate_bpm is not null order by 1 limit 5',
    );
    expect(sample).toHaveLength(5);
    for (const { activity_id: id } of sample) {
      const points = await q<{ t: number | null; hr: number | null }>(
        `select time_s as t, heartrate_bpm as hr from raw.strava_activity_streams where activity_id = ${id} order by point_index`,
      );
      const readings = points.filter((p) => p.t !== null);
      const expected = new Map<number, number>([
        [0, 0],
        ...zones.map((z) => [z.zone_index, 0] as [number, number]),
      ]);
      for (let i = 0; i + 1 < readings.length; i++) {
        const { t, hr } = readings[i]!;
        const zone =
          hr === null
            ? undefined
            : zones.find((z) => hr >= z.min_value && (z.max_value < 0 || hr < z.max_value));
        const index = zone?.zone_index ?? 0;
        expected.set(index, expected.get(index)! + readings[i + 1]!.t! - t!);
      }
      const rows = await q<{ zone_index: number; s: string }>(
        `select zone_index, time_in_zone_s as s from marts.fct_heart_rate_zones where activity_id = ${id}`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.zone_index, Number(r.s)])), id).toEqual(
        Object.fromEntries(expected),
      );
    }
  });

  it('fct_hourly_max_heart_rate: the max bpm of every UTC hour as computed from the loaded streams', async () => {
    const points = await q<{ start: Date; t: number; hr: number }>(
      `select a.start_date as start, s.time_s as t, s.heartrate_bpm as hr
         from raw.strava_activity_streams s join raw.strava_activities a using (activity_id)
        where s.heartrate_bpm is not null and s.time_s is not null and a.deleted_at is null`,
    );
    const expected = new Map<string, number>();
    for (const p of points) {
      const hour = new Date(
        Math.floor((p.start.getTime() + p.t * 1000) / 3_600_000) * 3_600_000,
      ).toISOString();
      expected.set(hour, Math.max(expected.get(hour) ?? 0, p.hr));
    }
    const rows = await q<{ hour: Date; bpm: string }>(
      "select hour_started_at as hour, max_heart_rate_bpm as bpm from marts.fct_hourly_max_heart_rate where source = 'strava_streams'",
    );
    expect(rows.length).toBe(expected.size);
    for (const r of rows)
      expect(Number(r.bpm), r.hour.toISOString()).toBe(expected.get(r.hour.toISOString()));
  });

  it('fct_personal_records: the progression of the best time over each distance, one current record each', async () => {
    const efforts = await q<{ id: string; name: string; t: number; at: Date }>(
      'select best_effort_id::text as id, name, elapsed_time_s as t, start_date as at from raw.strava_best_efforts order by start_date, best_effort_id',
    );
    const best = new Map<string, number>();
    const expected: string[] = [];
    for (const e of efforts) {
      if (!best.has(e.name) || e.t < best.get(e.name)!) expected.push(e.id);
      best.set(e.name, Math.min(best.get(e.name) ?? Infinity, e.t));
    }
    const rows = await q<{ id: string; name: string; current: boolean }>(
      'select best_effort_id::text as id, effort_name as name, is_current_record as current from marts.fct_personal_records',
    );
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(rows.filter((r) => r.current).length).toBe(best.size);
  });
});
