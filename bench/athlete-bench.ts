/**
 * Heavy-athlete benchmark (issue 13): the generated scenario of `athlete-scenario.ts` (default
 * 6,000 activities over 12 years, 20 M stream points) loaded once on an embedded Postgres, then,
 * in the same run: a full build (dbt `--full-refresh`, one step at a time) of every mart downstream of the Strava raw
 * tables, a no-op daily run, a daily run with one new activity, and one sequential scan of the
 * streams table. The same scenario at demo scale (1,132 of 6,000 activities, same points per
 * activity) gives the no-op reference. A daily run here is load + dbt (every raw, staging and
 * marts asset): extract talks to the Strava API from its cursor, whose cost does not
 * grow with history. Called by `bench/run.ts` (`npm run bench -- --only athlete`).
 */
import pino from 'pino';
import {
  executeRun,
  openRuntime,
  type RunResult,
  createTestRuntime,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { landScenario } from './athlete-scenario.js';

/** The daily run's selection: every load and dbt asset (raw, staging, marts), no extract. */
export const DAILY_SELECTION = defs.graph
  .select('*')
  .map((a) => a.key)
  .filter((k) => /^(raw|staging|marts)\//.test(k))
  .join(' ');
const STREAM_MARTS = ['marts/fct_heart_rate_zones', 'marts/fct_hourly_max_heart_rate'];
/** The training marts that read the stream points (issue 18's "full set over the streams"). */
const TRAINING_STREAM_MARTS = [
  'marts/fct_activity_stream_intervals',
  'marts/fct_activity_stream_metrics',
  'marts/fct_activity_heart_rate_seconds',
  'marts/fct_activity_mean_maximal',
  'marts/fct_stream_best_efforts',
];
const DEMO_ACTIVITIES = 1132;
const HEAVY_ACTIVITIES = 6000;

const seconds = (ms: number): number => Math.round(ms / 10) / 100;

function assertSucceeded(run: RunResult, what: string): RunResult {
  const failed = run.outcomes.filter((o) => o.status !== 'success');
  if (failed.length > 0)
    throw new Error(`${what}: ${failed.map((o) => `${o.assetKey} ${o.status} ${o.error ?? ''}`).join('; ')}`);
  return run;
}

const log = pino({ level: 'silent' });

/** Figures of one scenario size. */
interface ScenarioFigures {
  readonly load_and_first_build_s: number;
  readonly noop_run_s: number;
  readonly full_build_s?: number;
  readonly stream_marts_full_build_s?: number;
  readonly training_stream_marts_full_build_s?: number;
  readonly new_activity_run_s?: number;
  readonly streams_seq_scan_s?: number;
  readonly streams_sorted_copy_s?: number;
  readonly stream_points: number;
}

async function measureScenario(
  activities: number,
  pointsPerActivity: number,
  heavy: boolean,
): Promise<ScenarioFigures> {
  const runtime: TestRuntime = await createTestRuntime({
    env: { VOYAGER_DBT_RUNNER: process.env.VOYAGER_DBT_RUNNER ?? 'builtin', VOYAGER_LOG_LEVEL: 'silent' },
  });
  const daily = async (what: string) =>
    assertSucceeded(await executeRun({ definitions: defs, runtime, log, selection: DAILY_SELECTION }), what);
  try {
    await landScenario(runtime.landing, {
      from: 0,
      to: activities,
      activities,
      pointsPerActivity,
      runId: 'bench-history',
    });
    const first = await daily('load and first build');
    const { rows } = await runtime.warehouse.query<{ n: string }>(
      'select count(*) as n from raw.strava_activity_streams',
    );
    const noop = await daily('no-op daily run');
    if (!heavy)
      return {
        load_and_first_build_s: seconds(first.durationMs),
        noop_run_s: seconds(noop.durationMs),
        stream_points: Number(rows[0]!.n),
      };

    // full build: the same warehouse through a runtime asking dbt for --full-refresh
    const refresh = await openRuntime({
      projectDir: process.cwd(),
      env: {
        ...process.env,
        VOYAGER_HOME: runtime.home,
        VOYAGER_DATABASE_URL: runtime.databaseUrl,
        VOYAGER_LANDING_URL: runtime.landing.url,
        VOYAGER_DBT_RUNNER: process.env.VOYAGER_DBT_RUNNER ?? 'builtin',
        VOYAGER_DBT_FULL_REFRESH: 'true',
      },
    });
    let full: RunResult;
    try {
      const dbtKeys = defs.graph
        .select(DAILY_SELECTION)
        .map((a) => a.key)
        .filter((k) => k.startsWith('staging/') || k.startsWith('marts/'));
      full = assertSucceeded(
        await executeRun({
          definitions: defs,
          runtime: refresh,
          log,
          selection: dbtKeys.join(' '),
          // one step at a time: a stream mart's duration is its own, not shared with three others
          // on a two-core machine
          concurrency: 1,
        }),
        'full build',
      );
    } finally {
      await refresh.close();
    }
    const sumOf = (keys: readonly string[]) =>
      full.outcomes.filter((o) => keys.includes(o.assetKey)).reduce((sum, o) => sum + o.durationMs, 0);
    const streamMarts = sumOf(STREAM_MARTS);
    const trainingStreamMarts = sumOf(TRAINING_STREAM_MARTS);

    await landScenario(runtime.landing, {
      from: activities,
      to: activities + 1,
      activities: activities + 1,
      pointsPerActivity,
      runId: 'bench-new-activity',
    });
    const added = await daily('daily run with one new activity');

    // the reference: one sequential scan of the streams table (best of two, warm cache)
    let scan = Infinity;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      await runtime.warehouse.query('select count(heartrate_bpm) from raw.strava_activity_streams');
      scan = Math.min(scan, performance.now() - started);
    }
    // the floor of any build that orders each activity's points and writes them once: one sorted
    // copy of the columns the stream marts read into a table (best of two)
    let sortedCopy = Infinity;
    for (let i = 0; i < 2; i++) {
      await runtime.warehouse.query('drop table if exists public.bench_streams_sorted_copy');
      const started = performance.now();
      await runtime.warehouse.query(
        `create table public.bench_streams_sorted_copy as
         select activity_id, point_index, time_s, distance_m, altitude_m, heartrate_bpm, watts, moving
         from raw.strava_activity_streams order by activity_id, point_index`,
      );
      sortedCopy = Math.min(sortedCopy, performance.now() - started);
    }
    await runtime.warehouse.query('drop table public.bench_streams_sorted_copy');
    return {
      load_and_first_build_s: seconds(first.durationMs),
      noop_run_s: seconds(noop.durationMs),
      full_build_s: seconds(full.durationMs),
      stream_marts_full_build_s: seconds(streamMarts),
      training_stream_marts_full_build_s: seconds(trainingStreamMarts),
      new_activity_run_s: seconds(added.durationMs),
      streams_seq_scan_s: seconds(scan),
      streams_sorted_copy_s: seconds(sortedCopy),
      stream_points: Number(rows[0]!.n),
    };
  } finally {
    await runtime.close();
  }
}

/**
 * Runs the heavy-athlete benchmark. `activities` (default 6,000) and `points` (default 20 M)
 * size the heavy scenario; the demo reference has `activities * 1132 / 6000` activities with the
 * same points per activity. Returns figures (seconds, ratios) and printable lines.
 */
export async function runAthleteBench(
  options: { activities?: number; points?: number } = {},
): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const activities = options.activities ?? HEAVY_ACTIVITIES;
  const points = options.points ?? 20_000_000;
  const pointsPerActivity = Math.max(1, Math.round(points / activities));
  const demoActivities = Math.max(1, Math.round((activities * DEMO_ACTIVITIES) / HEAVY_ACTIVITIES));
  const demo = await measureScenario(demoActivities, pointsPerActivity, false);
  const heavy = await measureScenario(activities, pointsPerActivity, true);
  const ratio = (a: number | undefined, b: number) => Math.round(((a ?? NaN) / b) * 100) / 100;
  const figures = {
    activities,
    stream_points: heavy.stream_points,
    demo_activities: demoActivities,
    demo_stream_points: demo.stream_points,
    load_and_first_build_s: heavy.load_and_first_build_s,
    full_build_s: heavy.full_build_s ?? NaN,
    stream_marts_full_build_s: heavy.stream_marts_full_build_s ?? NaN,
    training_stream_marts_full_build_s: heavy.training_stream_marts_full_build_s ?? NaN,
    streams_seq_scan_s: heavy.streams_seq_scan_s ?? NaN,
    streams_sorted_copy_s: heavy.streams_sorted_copy_s ?? NaN,
    sorted_copy_over_scan: ratio(heavy.streams_sorted_copy_s, heavy.streams_seq_scan_s ?? NaN),
    noop_run_s: heavy.noop_run_s,
    new_activity_run_s: heavy.new_activity_run_s ?? NaN,
    demo_noop_run_s: demo.noop_run_s,
    noop_over_demo_noop: ratio(heavy.noop_run_s, demo.noop_run_s),
    new_activity_over_demo_noop: ratio(heavy.new_activity_run_s, demo.noop_run_s),
    stream_marts_full_build_over_scan: ratio(
      heavy.stream_marts_full_build_s,
      heavy.streams_seq_scan_s ?? NaN,
    ),
    all_stream_marts_full_build_over_scan: ratio(
      (heavy.stream_marts_full_build_s ?? NaN) + (heavy.training_stream_marts_full_build_s ?? NaN),
      heavy.streams_seq_scan_s ?? NaN,
    ),
    all_stream_marts_full_build_over_sorted_copy: ratio(
      (heavy.stream_marts_full_build_s ?? NaN) + (heavy.training_stream_marts_full_build_s ?? NaN),
      heavy.streams_sorted_copy_s ?? NaN,
    ),
  };
  const n = (v: number) => v.toLocaleString('en');
  const lines = [
    `heavy athlete: ${n(activities)} activities, ${n(figures.stream_points)} stream points (demo reference: ${n(demoActivities)} activities, ${n(figures.demo_stream_points)} points), built-in runner unless VOYAGER_DBT_RUNNER says otherwise`,
    `  load + first build: ${figures.load_and_first_build_s} s`,
    `  full build of the marts (--full-refresh): ${figures.full_build_s} s, of which the stream marts ${figures.stream_marts_full_build_s} s; one sequential scan of the streams: ${figures.streams_seq_scan_s} s`,
    `  stream marts full build / scan = ${figures.stream_marts_full_build_over_scan} (goal <= 3)`,
    `  with the training stream marts (${figures.training_stream_marts_full_build_s} s): all stream marts / scan = ${figures.all_stream_marts_full_build_over_scan} (issue 18, goal <= 3)`,
    `  floor of any build that sorts each activity's points and writes them once: one sorted copy of the streams (8 columns) ${figures.streams_sorted_copy_s} s = ${figures.sorted_copy_over_scan} x the scan; all stream marts / sorted copy = ${figures.all_stream_marts_full_build_over_sorted_copy}`,
    `  no-op daily run: ${figures.noop_run_s} s; demo-scale no-op: ${figures.demo_noop_run_s} s; ratio ${figures.noop_over_demo_noop} (goal <= 3)`,
    `  daily run with one new activity: ${figures.new_activity_run_s} s; ratio to demo no-op ${figures.new_activity_over_demo_noop} (goal <= 5)`,
  ];
  return { figures, lines };
}
