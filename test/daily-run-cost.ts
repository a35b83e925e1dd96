import pino from 'pino';
import { expect } from 'vitest';
import {
  executeRun,
  openRuntime,
  type RunResult,
  createTestRuntime,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { DAILY_SELECTION } from '../bench/athlete-bench.js';
import { FIRST_ID, landScenario } from '../bench/athlete-scenario.js';
import { repoRoot } from './run-cli.js';

/** The marts that grow with the streams and are built incrementally. */
export const INCREMENTAL_MARTS = ['marts.fct_heart_rate_zones', 'marts.fct_hourly_max_heart_rate'];
/** Activities of the scenario's history, and stream points per activity. */
export const ACTIVITIES = 24;
export const POINTS = 150;

const log = pino({ level: 'silent' });

/** Steps of `run` that did not succeed, with their errors (an empty list passes). */
export function failures(run: RunResult): string[][] {
  return run.outcomes
    .filter((o) => o.status !== 'success' || o.checks.some((c) => c.status === 'failed'))
    .map((o) => [
      o.assetKey,
      o.status,
      o.error ?? '',
      ...o.checks.filter((c) => c.status === 'failed').map((c) => c.name),
    ]);
}

/** The heavy-athlete scenario of the benchmark at a test's size, on a fresh warehouse. */
export interface DailyRuns {
  readonly runtime: TestRuntime;
  /** A daily run (load + dbt) of everything landed so far. */
  daily(): Promise<RunResult>;
  /** The dbt models rebuilt with `--full-refresh` on the same warehouse. */
  fullRefresh(): Promise<RunResult>;
  /** Lands activity `i` (new, or a reload of an earlier one with `points` points). */
  land(i: number, points?: number): Promise<void>;
  close(): Promise<void>;
}

/** The load assets of the daily run. */
const LOADS = DAILY_SELECTION.split(' ').filter((k) => k.startsWith('raw/'));
/** The asset keys of {@link INCREMENTAL_MARTS}. */
const MART_KEYS = INCREMENTAL_MARTS.map((m) => m.replace('.', '/'));

/**
 * Selections of `runner`: with `builtin`, every load and dbt asset in every run; with `dbt` (a
 * real dbt process per model), every run builds the loads and what the incremental marts read
 * (their tests' parents included), and the full refresh those marts.
 */
function selections(runner: 'builtin' | 'dbt'): { first: string; daily: string; refresh: string } {
  if (runner === 'builtin') {
    const models = DAILY_SELECTION.split(' ').filter((k) => /^(staging|marts)\//.test(k));
    return { first: DAILY_SELECTION, daily: DAILY_SELECTION, refresh: models.join(' ') };
  }
  const upstream = defs.graph
    .select(MART_KEYS.map((k) => `+${k}`).join(' '))
    .map((a) => a.key)
    .filter((k) => /^(staging|marts)\//.test(k));
  return {
    first: [...LOADS, ...upstream].join(' '),
    daily: [...LOADS, ...upstream].join(' '),
    refresh: MART_KEYS.join(' '),
  };
}

/** Opens the scenario with `runner` (`builtin` or `dbt`) and lands its history (not loaded yet). */
export async function openDailyRuns(runner: 'builtin' | 'dbt'): Promise<DailyRuns> {
  const selection = selections(runner);
  let runs = 0;
  const runtime = await createTestRuntime({ projectDir: repoRoot, env: { VOYAGER_DBT_RUNNER: runner } });
  await landScenario(runtime.landing, {
    from: 0,
    to: ACTIVITIES,
    activities: ACTIVITIES,
    pointsPerActivity: POINTS,
    runId: 'history',
  });
  let landed = 0;
  return {
    runtime,
    daily: () =>
      executeRun({
        definitions: defs,
        runtime,
        log,
        selection: runs++ === 0 ? selection.first : selection.daily,
      }),
    async fullRefresh() {
      const refresh = await openRuntime({
        projectDir: repoRoot,
        env: {
          ...process.env,
          VOYAGER_HOME: runtime.home,
          VOYAGER_DATABASE_URL: runtime.databaseUrl,
          VOYAGER_LANDING_URL: runtime.landing.url,
          VOYAGER_DBT_RUNNER: runner,
          VOYAGER_DBT_FULL_REFRESH: 'true',
        },
      });
      try {
        return await executeRun({ definitions: defs, runtime: refresh, log, selection: selection.refresh });
      } finally {
        await refresh.close();
      }
    },
    land: (i, points = POINTS) =>
      landScenario(runtime.landing, {
        from: i,
        to: i + 1,
        activities: ACTIVITIES + 1,
        pointsPerActivity: points,
        runId: `later-${++landed}`,
      }),
    close: () => runtime.close(),
  };
}

/** Per table of `raw` and `marts`: its storage (relfilenode) and rows written since transaction id `since`. */
export async function writesSince(
  runtime: TestRuntime,
  since: string,
): Promise<Record<string, { file: string; rows: number; written: number }>> {
  const { rows: tables } = await runtime.warehouse.query<{ name: string; file: string }>(
    `select n.nspname || '.' || c.relname as name, c.relfilenode::text as file
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('raw', 'marts') and c.relkind = 'r' order by 1`,
  );
  const out: Record<string, { file: string; rows: number; written: number }> = {};
  for (const t of tables) {
    const { rows } = await runtime.warehouse.query<{ rows: number; written: number }>(
      `select count(*)::int as rows, count(*) filter (where xmin::text::bigint >= $1::bigint)::int as written from ${t.name}`,
      [since],
    );
    out[t.name] = { file: t.file, ...rows[0]! };
  }
  return out;
}

/** The current transaction id: rows written later carry a larger `xmin`. */
export async function currentXid(runtime: TestRuntime): Promise<string> {
  const { rows } = await runtime.warehouse.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  return rows[0]!.xid;
}

/** An order-independent fingerprint of every row of `relation`. */
export async function fingerprint(
  runtime: TestRuntime,
  relation: string,
): Promise<{ rows: number; hash: string }> {
  const { rows } = await runtime.warehouse.query<{ rows: number; hash: string | null }>(
    `select count(*)::int as rows, md5(string_agg(md5(t::text), '' order by md5(t::text))) as hash from ${relation} as t`,
  );
  return { rows: rows[0]!.rows, hash: rows[0]!.hash ?? 'empty' };
}

/**
 * The claims of issue 13 point 4 for one runner: a no-op daily run writes no raw row and no row
 * of an incremental mart (nor rebuilds it), and after new and reloaded activities the incremental
 * marts equal a full refresh on the same data.
 */
export async function checkDailyRuns(runner: 'builtin' | 'dbt'): Promise<void> {
  const runs = await openDailyRuns(runner);
  try {
    expect(failures(await runs.daily())).toEqual([]);
    const before = await writesSince(runs.runtime, await currentXid(runs.runtime));
    const xid = await currentXid(runs.runtime);
    expect(failures(await runs.daily())).toEqual([]);
    const after = await writesSince(runs.runtime, xid);
    for (const [table, state] of Object.entries(after)) {
      if (!table.startsWith('raw.') && !INCREMENTAL_MARTS.includes(table)) continue;
      expect({ table, ...state }).toEqual({ table, ...before[table]!, written: 0 });
    }
    expect(after['raw.strava_activity_streams']!.rows).toBe(ACTIVITIES * POINTS);

    // one new activity, and a reload of activity 3 with a longer stream
    await runs.land(ACTIVITIES);
    await runs.land(3, POINTS * 2);
    expect(failures(await runs.daily())).toEqual([]);
    const zones = await runs.runtime.warehouse.query<{ n: number }>(
      `select count(*)::int as n from marts.fct_heart_rate_zones where activity_id = $1`,
      [FIRST_ID + ACTIVITIES],
    );
    expect(zones.rows[0]!.n).toBe(6);
    const incremental = await Promise.all(INCREMENTAL_MARTS.map((m) => fingerprint(runs.runtime, m)));
    expect(failures(await runs.fullRefresh())).toEqual([]);
    const full = await Promise.all(INCREMENTAL_MARTS.map((m) => fingerprint(runs.runtime, m)));
    expect(incremental).toEqual(full);
  } finally {
    await runs.close();
  }
}
