/**
 * Run-storage benchmark (issue 13 point 4): the queries `voyager status` and the UI make, at 100 k
 * and 1 M generated events (see `run-storage-events.ts`), on a real embedded Postgres. The
 * baseline, measured in the same run on the same rows: the reads as they were before
 * `voyager.latest_asset_events` (a `distinct on` over every event) with the index they had.
 * Target: every read under 50 ms at 1 M events. Called by `bench/run.ts` (`--only run-storage`).
 */
import { createTestRuntime } from '@voyager/orchestration/testing';
import { assetEvents } from '../orchestration/src/ui-server/asset-detail.js';
import { generateRunHistory } from './run-storage-events.js';

/** The reads before the latest-events table, and the index they had (migration 1732200000000). */
const BASELINE = {
  index: `create index if not exists asset_events_latest
            on voyager.asset_events (asset_key, partition_key, event_type, event_id desc)`,
  latestAssetEvents: `select distinct on (asset_key, partition_key) * from voyager.asset_events
    where event_type <> 'check' order by asset_key, partition_key, event_id desc`,
  latestMaterializations: `select distinct on (asset_key, partition_key) * from voyager.asset_events
    where event_type = 'materialization' order by asset_key, partition_key, event_id desc`,
  latestCheckResults: `select distinct on (asset_key, partition_key, check_name) * from voyager.asset_events
    where event_type = 'check' order by asset_key, partition_key, check_name, event_id desc`,
  recentRuns: `select * from voyager.runs order by started_at desc, run_id desc limit 50`,
} as const;

/** Best of `runs` timings of `fn` after one warm-up, in ms (the least disturbed by other work on a shared machine). */
async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

/** Runs the benchmark at each size in `sizes` (events, ascending): figures for `--json`, lines for people. */
export async function runRunStorageBench(
  sizes: readonly number[] = [100_000, 1_000_000],
): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const runtime = await createTestRuntime();
  const pool = runtime.warehouse;
  const storage = runtime.runStorage;
  const figures: Record<string, number> = {};
  const lines: string[] = [];
  try {
    for (const size of sizes) {
      const t0 = performance.now();
      const history = await generateRunHistory(pool, size);
      await pool.query(
        'analyze voyager.asset_events; analyze voyager.runs; analyze voyager.latest_asset_events',
      );
      const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1_000}k`;
      lines.push(
        `${history.events.toLocaleString('en')} events, ${history.runs.toLocaleString('en')} runs, ` +
          `${history.assetPartitions.toLocaleString('en')} asset partitions (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const now = {
        latestAssetEvents: () => storage.latestAssetEvents(),
        latestMaterializations: () => storage.latestMaterializations(),
        latestCheckResults: () => storage.latestCheckResults(),
        recentRuns: () => storage.recentRuns(50),
        assetHistory: () => assetEvents(pool, 'bench/asset_065', false),
        status: () =>
          Promise.all([
            storage.latestAssetEvents(),
            storage.latestMaterializations(),
            storage.latestCheckResults(),
            storage.recentRuns(5),
          ]),
      };
      const after: Record<string, number> = {};
      for (const [name, fn] of Object.entries(now)) after[name] = await best(7, fn);
      // Postgres's own execution time of the new reads (the rest of the wall time is the client
      // parsing rows, and waiting for a CPU on a shared machine)
      for (const kind of ['step', 'materialization', 'check']) {
        const plan = await pool.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
          `explain (analyze, format json) select * from voyager.latest_asset_events where kind = $1
            order by asset_key, partition_key, check_key`,
          [kind],
        );
        const ms = plan.rows[0]!['QUERY PLAN'][0]['Execution Time'];
        figures[`latest_${kind}_${label}_server_ms`] = Math.round(ms * 10) / 10;
        lines.push(`  server time of the latest ${kind} read @ ${label}: ${ms.toFixed(1)} ms`);
      }
      // the baseline: the old reads with the old index, on the same rows
      await pool.query(BASELINE.index);
      await pool.query('drop index if exists voyager.asset_events_history');
      await pool.query('drop index if exists voyager.runs_recent');
      await pool.query('analyze voyager.asset_events; analyze voyager.runs');
      const q = (sql: string) => () => pool.query(sql);
      const before: Record<string, number> = {
        latestAssetEvents: await best(7, q(BASELINE.latestAssetEvents)),
        latestMaterializations: await best(7, q(BASELINE.latestMaterializations)),
        latestCheckResults: await best(7, q(BASELINE.latestCheckResults)),
        recentRuns: await best(7, q(BASELINE.recentRuns)),
        assetHistory: await best(7, () => assetEvents(pool, 'bench/asset_065', false)),
        status: await best(7, () =>
          Promise.all([
            pool.query(BASELINE.latestAssetEvents),
            pool.query(BASELINE.latestMaterializations),
            pool.query(BASELINE.latestCheckResults),
            pool.query(BASELINE.recentRuns.replace('limit 50', 'limit 5')),
          ]),
        ),
      };
      // back to the schema of the migrations, for the next size
      await pool.query('drop index voyager.asset_events_latest');
      await pool.query(
        'create index asset_events_history on voyager.asset_events (asset_key, event_id desc)',
      );
      await pool.query('create index runs_recent on voyager.runs (started_at desc, run_id desc)');
      for (const name of Object.keys(now)) {
        figures[`${name}_${label}_before_ms`] = Math.round(before[name]! * 10) / 10;
        figures[`${name}_${label}_after_ms`] = Math.round(after[name]! * 10) / 10;
        figures[`${name}_${label}_ratio`] = Math.round((after[name]! / before[name]!) * 1000) / 1000;
        lines.push(
          `  ${`${name} @ ${label}`.padEnd(32)} before ${before[name]!.toFixed(1).padStart(7)} ms` +
            `  after ${after[name]!.toFixed(1).padStart(6)} ms  (x${(after[name]! / before[name]!).toFixed(3)})`,
        );
      }
    }
    lines.push('target: every read under 50 ms at 1 M events');
    return { figures, lines };
  } finally {
    await runtime.close();
  }
}
