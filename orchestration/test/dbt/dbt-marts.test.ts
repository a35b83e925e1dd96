import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  definitions,
  executeRun,
  image,
  loadDbtAssets,
  type RunResult,
} from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import {
  loadRawAthlete,
  loadRawBestEfforts,
  loadRawStreams,
  loadRawZones,
  rawStandIn,
  recordedBestEfforts,
  recordedHeartRateZones,
  recordedStream,
} from './raw-fixtures.js';
import { rawActivitiesAsset, recordedActivities } from './raw-strava.js';

const PROJECT = fileURLToPath(new URL('../../../transformation', import.meta.url));
const ATHLETE = 26462176;
const activities = recordedActivities();
const byId = new Map(activities.map((a) => [Number(a.id), a]));
// two real runs with heart rate, 2018 and 2019; the recorded stream's points are attached to them
const RUN_A = 1946417534;
const RUN_B = Number(
  activities.find(
    (a) => a.sport_type === 'Run' && a.has_heartrate && String(a.start_date).startsWith('2019-06'),
  )!.id,
);

// what the stand-ins load: the second load adds RUN_B's stream and a faster 5K
let streamActivities: number[] = [RUN_A];
// the third load reloads RUN_B with fewer points and the athlete with fewer zones
let streamPoints = new Map<number, number>();
let zoneCount: number | undefined;
let efforts = recordedBestEfforts();

let runtime: TestRuntime;
const loadImageStandIn = image({
  name: 'load',
  description: 'test',
  dockerfile: 'load/Dockerfile',
  command: ['true'],
  resources: { cpu: 256, memoryMiB: 512 },
});

async function run(): Promise<RunResult> {
  const upstream = [
    rawActivitiesAsset(),
    rawStandIn('raw/strava_activity_streams', (pool) => loadRawStreams(pool, streamActivities, streamPoints)),
    rawStandIn('raw/strava_athlete_zones', (pool) => loadRawZones(pool, ATHLETE, zoneCount)),
    rawStandIn('raw/strava_best_efforts', (pool) => loadRawBestEfforts(pool, efforts)),
    rawStandIn('raw/strava_activity_details'),
    rawStandIn('raw/strava_laps'),
    rawStandIn('raw/strava_athlete', (pool) => loadRawAthlete(pool)),
    rawStandIn('raw/strava_export_activities'),
    rawStandIn('raw/strava_activity_deletions'),
  ];
  const dbt = await loadDbtAssets({ projectDir: PROJECT, upstream, missingUpstream: 'error' });
  const defs = definitions({ assets: [...upstream, ...dbt.assets], images: [loadImageStandIn, dbt.image] });
  // one at a time: the stand-ins all run load's migrations
  return executeRun({
    definitions: defs,
    runtime,
    log: createLogger({ level: 'silent', pretty: false }),
    concurrency: 1,
  });
}

const q = async <T>(sql: string): Promise<T[]> => (await runtime.warehouse.query(sql)).rows as T[];

/**
 * Seconds per zone of the recorded stream (its first `points` points), computed here from the
 * fixtures with the first `zoneCount` zones (zone 0: no reading, or none of the zones).
 */
function expectedZoneSeconds(points?: number, zoneCount?: number): Map<number, number> {
  const s = recordedStream();
  const time = (s.get('time') as Array<number | null>).slice(0, points);
  const hr = s.get('heartrate') as Array<number | null>;
  const zones = recordedHeartRateZones().slice(0, zoneCount);
  const readings = time.map((t, i) => ({ t, hr: hr[i] ?? null })).filter((p) => p.t !== null);
  const out = new Map<number, number>([[0, 0], ...zones.map((_, i) => [i + 1, 0] as [number, number])]);
  for (let i = 0; i + 1 < readings.length; i++) {
    const { t, hr: h } = readings[i]!;
    const zone = h === null ? 0 : zones.findIndex((z) => h >= z.min && (z.max < 0 || h < z.max)) + 1;
    out.set(zone, out.get(zone)! + readings[i + 1]!.t! - t!);
  }
  return out;
}

/** Max bpm per UTC hour of the recorded stream (its first `points.get(id)` points) of each activity. */
function expectedHourlyMax(
  ids: readonly number[],
  points: ReadonlyMap<number, number> = new Map(),
): Map<string, number> {
  const s = recordedStream();
  const hr = s.get('heartrate') as Array<number | null>;
  const out = new Map<string, number>();
  for (const id of ids) {
    const time = (s.get('time') as Array<number | null>).slice(0, points.get(id));
    const start = Date.parse(String(byId.get(id)!.start_date));
    time.forEach((t, i) => {
      const h = hr[i];
      if (t === null || h === null || h === undefined) return;
      const hour = new Date(Math.floor((start + t * 1000) / 3_600_000) * 3_600_000).toISOString();
      out.set(hour, Math.max(out.get(hour) ?? 0, h));
    });
  }
  return out;
}

beforeAll(async () => {
  runtime = await createTestRuntime({ env: { VOYAGER_DBT_RUNNER: 'builtin' } });
});
afterAll(async () => {
  await runtime?.close();
});

describe('every mart from the recorded data (built-in runner, real executor)', () => {
  let first: RunResult;
  beforeAll(async () => {
    first = await run();
  });

  it('runs every model and every check successfully', () => {
    // the raw tables these stand-ins leave empty warn about freshness, as they should
    const emptySources = ['activity_details', 'laps', 'export_activities'].map(
      (t) => `source_freshness_strava_${t}`,
    );
    const failedChecks = (o: RunResult['outcomes'][number]) =>
      o.checks.filter((c) => c.status !== 'success' && !emptySources.includes(c.name));
    const failed = first.outcomes.filter((o) => o.status !== 'success' || failedChecks(o).length > 0);
    expect(failed.map((o) => [o.assetKey, o.error, failedChecks(o)])).toEqual([]);
    expect(first.outcomes.map((o) => o.assetKey)).toEqual(
      expect.arrayContaining([
        'marts/dim_date',
        'marts/dim_sport_type',
        'marts/fct_training_weeks',
        'marts/fct_heart_rate_zones',
        'marts/fct_hourly_max_heart_rate',
        'marts/fct_personal_records',
      ]),
    );
  });

  it('documents every model (its grain) and exactly the columns it builds', async () => {
    const { project } = await loadDbtAssets({ projectDir: PROJECT, upstream: [] });
    for (const model of project.models.values()) {
      expect(model.description, model.name).toMatch(/^One row per /);
      const built = await q<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = '${model.schema}' and table_name = '${model.name}'`,
      );
      expect(model.columns.map((c) => c.name).sort(), model.name).toEqual(
        built.map((c) => c.column_name).sort(),
      );
      for (const c of model.columns) expect(c.description, `${model.name}.${c.name}`).not.toBe('');
    }
    expect(project.models.size).toBe(15);
  });

  it('dim_sport_type counts the activities of each sport type as the raw records do', async () => {
    const expected: Record<string, number> = {};
    for (const a of activities) expected[String(a.sport_type)] = (expected[String(a.sport_type)] ?? 0) + 1;
    const rows = await q<{ sport_type: string; activity_count: string }>(
      'select sport_type, activity_count from marts.dim_sport_type',
    );
    expect(Object.fromEntries(rows.map((r) => [r.sport_type, Number(r.activity_count)]))).toEqual(expected);
    expect(expected).toMatchObject({ Run: 902, Swim: 159, AlpineSki: 51 });
  });

  it('fct_training_weeks: every ISO week and sport type has the count and distance of its activities', async () => {
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
    const rows = await q<{
      week: string;
      sport_type: string;
      activity_count: string;
      distance_m: string;
      moving_time_s: string;
    }>(
      "select to_char(week_start_date, 'YYYY-MM-DD') as week, sport_type, activity_count, distance_m, moving_time_s from marts.fct_training_weeks",
    );
    expect(rows).toHaveLength(expected.size);
    for (const r of rows) {
      const e = expected.get(`${r.week}|${r.sport_type}`);
      expect(e, `${r.week} ${r.sport_type}`).toBeDefined();
      expect(Number(r.activity_count)).toBe(e!.n);
      expect(Number(r.distance_m)).toBeCloseTo(e!.m, 3);
      expect(Number(r.moving_time_s)).toBe(e!.s);
    }
    const [total] = await q<{ m: string }>('select sum(distance_m) as m from marts.fct_training_weeks');
    expect(Number(total!.m)).toBeCloseTo(
      activities.reduce((sum, a) => sum + Number(a.distance), 0),
      2,
    );
  });

  it('fct_heart_rate_zones: seconds per zone as computed from the stream, adding up to its duration', async () => {
    const rows = await q<{ zone_index: number; time_in_zone_s: string }>(
      `select zone_index, time_in_zone_s from marts.fct_heart_rate_zones where activity_id = ${RUN_A} order by zone_index`,
    );
    const expected = expectedZoneSeconds();
    expect(Object.fromEntries(rows.map((r) => [r.zone_index, Number(r.time_in_zone_s)]))).toEqual(
      Object.fromEntries(expected),
    );
    const flags = await q<{ is_synthetic: boolean }>(
      'select distinct is_synthetic from marts.fct_heart_rate_zones',
    );
    expect(flags).toEqual([{ is_synthetic: false }]); // a recorded stream, not a synthesized one
    const time = (recordedStream().get('time') as Array<number | null>).filter(
      (t): t is number => t !== null,
    );
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(time.at(-1)! - time[0]!);
  });

  it('fct_hourly_max_heart_rate: the max bpm of every UTC hour as computed from the stream', async () => {
    const rows = await q<{ hour: Date; max_heart_rate_bpm: string }>(
      'select hour_started_at as hour, max_heart_rate_bpm from marts.fct_hourly_max_heart_rate',
    );
    expect(Object.fromEntries(rows.map((r) => [r.hour.toISOString(), Number(r.max_heart_rate_bpm)]))).toEqual(
      Object.fromEntries(expectedHourlyMax([RUN_A])),
    );
  });

  it('fct_personal_records: each distance of one activity is a first record', async () => {
    const rows = await q<{ effort_name: string; record_number: string; is_current_record: boolean }>(
      'select effort_name, record_number, is_current_record from marts.fct_personal_records',
    );
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => Number(r.record_number) === 1 && r.is_current_record)).toBe(true);
  });

  describe('after a second load', () => {
    let second: RunResult;
    let zonesBefore: Array<Record<string, unknown>>;
    beforeAll(async () => {
      zonesBefore = await q(
        `select * from marts.fct_heart_rate_zones where activity_id = ${RUN_A} order by zone_index`,
      );
      streamActivities = [RUN_B];
      const fiveK = efforts.find((e) => e.name === '5K')!;
      const start = String(byId.get(RUN_B)!.start_date);
      // a faster 5K in the later run (derived from the recorded effort: id, activity, time and date changed)
      efforts = [
        ...efforts,
        {
          ...fiveK,
          id: 99_000_000_001,
          activity: { id: RUN_B },
          elapsed_time: 1300,
          moving_time: 1300,
          start_date: start,
          start_date_local: start,
          pr_rank: 1,
        },
      ];
      second = await run();
    });

    it('merges only the new activity into the incremental marts and keeps the old rows', async () => {
      expect(second.outcomes.every((o) => o.status === 'success')).toBe(true);
      const zones = second.outcomes.find((o) => o.assetKey === 'marts/fct_heart_rate_zones')!;
      expect(zones.metadata).toMatchObject({ mode: 'incremental', rows_merged: 6, rows: 12 });
      expect(
        await q(`select * from marts.fct_heart_rate_zones where activity_id = ${RUN_A} order by zone_index`),
      ).toEqual(zonesBefore);
      const rows = await q<{ zone_index: number; time_in_zone_s: string }>(
        `select zone_index, time_in_zone_s from marts.fct_heart_rate_zones where activity_id = ${RUN_B}`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.zone_index, Number(r.time_in_zone_s)]))).toEqual(
        Object.fromEntries(expectedZoneSeconds()),
      );
      const hourly = await q<{ hour: Date; max_heart_rate_bpm: string }>(
        'select hour_started_at as hour, max_heart_rate_bpm from marts.fct_hourly_max_heart_rate',
      );
      expect(
        Object.fromEntries(hourly.map((r) => [r.hour.toISOString(), Number(r.max_heart_rate_bpm)])),
      ).toEqual(Object.fromEntries(expectedHourlyMax([RUN_A, RUN_B])));
      expect(
        second.outcomes.find((o) => o.assetKey === 'marts/fct_hourly_max_heart_rate')!.metadata,
      ).toMatchObject({ mode: 'full' });
    });

    it('the faster 5K becomes the current record and the old one is superseded', async () => {
      const rows = await q<{
        record_number: string;
        elapsed_time_s: number;
        improvement_s: number | null;
        is_current_record: boolean;
      }>(
        "select record_number, elapsed_time_s, improvement_s, is_current_record from marts.fct_personal_records where effort_name = '5K' order by record_number",
      );
      expect(
        rows.map((r) => [Number(r.record_number), r.elapsed_time_s, r.improvement_s, r.is_current_record]),
      ).toEqual([
        [1, 1392, null, false],
        [2, 1300, 92, true],
      ]);
    });

    it('fct_activities still has 1132 rows', async () => {
      const [n] = await q<{ n: string }>('select count(*) as n from marts.fct_activities');
      expect(Number(n!.n)).toBe(1132);
    });
  });

  describe('after a reload of one activity with fewer points, and fewer zones', () => {
    let third: RunResult;
    // RUN_B's points up to the end of its first UTC hour: its stream now reaches one hour less
    const start = (): number => Date.parse(String(byId.get(RUN_B)!.start_date));
    const firstHourPoints = (): number => {
      const end = Math.ceil((start() + 1) / 3_600_000) * 3_600_000;
      return (recordedStream().get('time') as Array<number | null>).findIndex(
        (t) => t !== null && start() + t * 1000 >= end,
      );
    };
    beforeAll(async () => {
      streamActivities = [RUN_B];
      streamPoints = new Map([[RUN_B, firstHourPoints()]]);
      zoneCount = 3;
      third = await run();
    });

    it('replaces all of the activity rows in fct_heart_rate_zones (delete+insert by activity_id)', async () => {
      expect(third.outcomes.every((o) => o.status === 'success')).toBe(true);
      expect(firstHourPoints()).toBeGreaterThan(1);
      const zones = third.outcomes.find((o) => o.assetKey === 'marts/fct_heart_rate_zones')!;
      // RUN_B: zone 0 and the three zones left, RUN_A's six rows untouched
      expect(zones.metadata).toMatchObject({ mode: 'incremental', rows_merged: 4, rows: 10 });
      const rows = await q<{ zone_index: number; time_in_zone_s: string }>(
        `select zone_index, time_in_zone_s from marts.fct_heart_rate_zones where activity_id = ${RUN_B} order by zone_index`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.zone_index, Number(r.time_in_zone_s)]))).toEqual(
        Object.fromEntries(expectedZoneSeconds(firstHourPoints(), 3)),
      );
    });

    it('drops the hour the activity no longer reaches from fct_hourly_max_heart_rate', async () => {
      const hourly = await q<{ hour: Date; max_heart_rate_bpm: string }>(
        'select hour_started_at as hour, max_heart_rate_bpm from marts.fct_hourly_max_heart_rate',
      );
      const expected = expectedHourlyMax([RUN_A, RUN_B], streamPoints);
      expect(expected.size).toBeLessThan(expectedHourlyMax([RUN_A, RUN_B]).size);
      expect(
        Object.fromEntries(hourly.map((r) => [r.hour.toISOString(), Number(r.max_heart_rate_bpm)])),
      ).toEqual(Object.fromEntries(expected));
    });
  });
});
