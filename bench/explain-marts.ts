/**
 * EXPLAIN of marts on a kept generated warehouse (issue 13), no test: loads the heavy-athlete
 * scenario once into `$VOYAGER_HOME` (default `/tmp/perf-explain`), then prints
 * `explain (analyze, buffers)` of each named model's full build (`--incremental`: its incremental
 * build), after rebuilding the staging views from the current SQL. `--time`: each model's query
 * (best of two) against one count() scan of the streams instead; `--daily`: a daily run first (a
 * no-op when nothing new was landed; `--new-activity`: one new activity landed first), one step at
 * a time, slowest steps printed; `--sql`:
 * statements run (and timed) first in the same session.
 *
 * node --conditions=voyager-source --import tsx bench/explain-marts.ts \
 *   [--activities N] [--points M] [--daily [--new-activity]] [--time] [--sql STATEMENT]... [--incremental] [--no-analyze] model...
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { executeRun, openRuntime, readDbtProject } from '@voyager/orchestration/testing';
import { buildModel } from '../orchestration/src/dbt/builtin-runner.js';
import { Relation } from '../orchestration/src/dbt/relation.js';
import { renderTemplate } from '../orchestration/src/dbt/render.js';
import defs from '../definitions.js';
import { landScenario } from './athlete-scenario.js';
import { DAILY_SELECTION } from './athlete-bench.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    activities: { type: 'string', default: '600' },
    points: { type: 'string', default: '2000000' },
    incremental: { type: 'boolean', default: false },
    'no-analyze': { type: 'boolean', default: false },
    /** run the daily selection (a no-op when nothing was landed) one step at a time and print the slowest steps */
    daily: { type: 'boolean', default: false },
    /** with --daily: land one new activity first (the next id of the scenario), so the run is a daily run with one new activity */
    'new-activity': { type: 'boolean', default: false },
    /** time each model's query (`create temp table as`, best of two) against one count() scan of the streams, instead of explaining */
    time: { type: 'boolean', default: false },
    /** statements run first in the explaining session (`set enable_sort = off`), or alone */
    sql: { type: 'string', multiple: true, default: [] },
  },
});
const activities = Number(values.activities);
const pointsPerActivity = Math.round(Number(values.points) / activities);
const log = pino({ level: 'silent' });
const env = {
  ...process.env,
  VOYAGER_HOME: process.env.VOYAGER_HOME ?? '/tmp/perf-explain',
  VOYAGER_PG_PORT: process.env.VOYAGER_PG_PORT ?? '55701',
  VOYAGER_DBT_RUNNER: 'builtin',
  VOYAGER_LOG_LEVEL: 'silent',
};
const runtime = await openRuntime({ projectDir: process.cwd(), env });
try {
  const { rows } = await runtime.warehouse.query<{ n: boolean }>(
    `select to_regclass('raw.strava_activity_streams') is null as n`,
  );
  if (rows[0]!.n) {
    await landScenario(runtime.landing, {
      from: 0,
      to: activities,
      activities,
      pointsPerActivity,
      runId: 'explain-history',
    });
    const started = performance.now();
    await executeRun({ definitions: defs, runtime, log, selection: DAILY_SELECTION });
    console.log(`loaded and built in ${Math.round(performance.now() - started)} ms`);
  }
  if (values.daily && values['new-activity']) {
    const { rows: count } = await runtime.warehouse.query<{ n: string }>(
      'select count(*) as n from raw.strava_activities',
    );
    const next = Number(count[0]!.n);
    await landScenario(runtime.landing, {
      from: next,
      to: next + 1,
      activities: next + 1,
      pointsPerActivity,
      runId: `explain-new-${next}`,
    });
    console.log(`landed activity ${next + 1} of the scenario`);
  }
  if (values.daily) {
    const run = await executeRun({
      definitions: defs,
      runtime,
      log,
      selection: DAILY_SELECTION,
      concurrency: 1,
    });
    console.log(`daily run: ${run.status}, ${run.durationMs} ms, ${run.outcomes.length} steps`);
    const slowest = [...run.outcomes].sort((a, b) => b.durationMs - a.durationMs).slice(0, 20);
    for (const o of slowest) console.log(`${String(o.durationMs).padStart(7)} ms  ${o.assetKey} ${o.status}`);
  }
  const project = await readDbtProject('transformation');
  for (const model of project.models.values())
    if (model.materialized === 'view')
      await buildModel(project, model, { warehouse: runtime.warehouse, env: runtime.env, log });
  const client = await runtime.warehouse.connect();
  for (const statement of values.sql) {
    const started = performance.now();
    const result = await client.query<Record<string, unknown>>(statement);
    console.log(`${Math.round(performance.now() - started)} ms: ${statement.slice(0, 100)}`);
    for (const row of result.rows ?? []) console.log(JSON.stringify(row));
  }
  for (const name of positionals) {
    const model = project.models.get(name);
    if (model === undefined) throw new Error(`no model ${name}`);
    const sql = renderTemplate(model.rawSql, model.path, {
      project,
      self: new Relation(model.schema ?? 'public', model.name),
      isIncremental: values.incremental,
      env: runtime.env,
      targetSchema: 'public',
    });
    if (values.time) {
      const best = async (query: string) => {
        let ms = Infinity;
        for (let i = 0; i < 2; i++) {
          await client.query('drop table if exists explain_marts_out');
          const started = performance.now();
          await client.query(query);
          ms = Math.min(ms, performance.now() - started);
        }
        return Math.round(ms);
      };
      const scan = await best(
        'create temp table explain_marts_out as select count(heartrate_bpm) from raw.strava_activity_streams',
      );
      const build = await best(`create temp table explain_marts_out as ${sql.trim().replace(/;\s*$/, '')}`);
      console.log(
        `${name}: ${build} ms; one streams scan ${scan} ms; ratio ${Math.round((build / scan) * 10) / 10}`,
      );
      continue;
    }
    const analyze = values['no-analyze'] ? '' : 'analyze, buffers, ';
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `explain (${analyze}costs) ${sql.trim().replace(/;\s*$/, '')}`,
    );
    console.log(`== ${name}${values.incremental ? ' (incremental)' : ''}`);
    for (const row of plan.rows) console.log(row['QUERY PLAN']);
  }
  client.release();
} finally {
  await runtime.close();
}
