import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileDags,
  createLogger,
  missingEntryPoints,
  runProcessStep,
  writeDagFiles,
} from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import defs from '../../../definitions.js';
import { startDevServices, type StartedDevServices } from '../../src/cli/dev-services.js';
import { inspectBundle, type InspectedBundle } from './bundle-inspection.js';

/**
 * The contract between the compiled DAGs and the images: every task's container command, read
 * back from the generated Python, rendered as Airflow would render it and run through local
 * process isolation (`runProcessStep`, what `voyager materialize --isolation process` uses)
 * against the Strava simulator's recorded data: every asset materializes. Then each DAG's
 * `voyager__finish_run` command closes the Airflow run in `voyager.runs` as `success`.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
// What Airflow 3 passes for a scheduled run: `scheduled__<logical date>`.
const AIRFLOW_RUN_ID = 'scheduled__2026-11-20T05:00:00+00:00';
const DATA_INTERVAL_START = '2026-11-20';
// `ti.try_number` of a first try; runProcessStep gets the same attempt, so both agree.
const TRY_NUMBER = 1;

let runtime: TestRuntime;
let services: StartedDevServices;
let bundle: InspectedBundle;
const dirs: string[] = [];

/** Renders the Jinja templates the compiler emits, as Airflow would for a run of 2026-11-20. */
function render(arg: string): string {
  const known: Record<string, string> = {
    '{{ run_id }}': AIRFLOW_RUN_ID,
    '{{ ds }}': DATA_INTERVAL_START,
    '{{ ti.try_number }}': String(TRY_NUMBER),
    "{{ data_interval_start.strftime('%Y-%m-%dT%H:00') }}": `${DATA_INTERVAL_START}T05:00`,
  };
  if (known[arg] !== undefined) return known[arg];
  if (arg.includes('{{')) throw new Error(`this test cannot render the template ${arg}`);
  return arg;
}

beforeAll(async () => {
  // The commands run the images' built entry points (node */dist/main.js): build them from the
  // current sources, as each Dockerfile does, so the test never runs a stale dist.
  await run(
    'npm',
    ['run', 'build', '-w', '@voyager/orchestration', '-w', '@voyager/extract', '-w', '@voyager/load'],
    {
      cwd: root,
    },
  );
  expect(missingEntryPoints(defs.images, root)).toEqual([]);
  const dir = await mkdtemp(join(tmpdir(), 'voyager-contract-'));
  dirs.push(dir);
  await writeDagFiles(dir, compileDags(defs, { airflow: 3, target: 'ecs' }));
  bundle = await inspectBundle(dir);
  runtime = await createTestRuntime({ projectDir: root });
  const log = createLogger({ level: 'silent', pretty: false });
  const {
    STRAVA_CLIENT_ID: _id,
    STRAVA_CLIENT_SECRET: _secret,
    STRAVA_REFRESH_TOKEN: _token,
    ...env
  } = process.env;
  services = await startDevServices(defs, root, env, log);
}, 600_000);

afterAll(async () => {
  await services?.stop();
  await runtime?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('container commands of the generated DAGs', () => {
  it('every task command materializes its asset through local process isolation', async () => {
    const env = {
      ...services.env,
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_LANDING_URL: runtime.config.landingUrl,
      VOYAGER_LOG_LEVEL: 'info',
    };
    const log = createLogger({ level: 'silent', pretty: false });
    const results: Array<{ task: string; status: string; error?: string }> = [];
    for (const dag of bundle.dags) {
      for (const task of dag.tasks) {
        const outcome = await runProcessStep({
          command: task.command.map(render),
          attempt: TRY_NUMBER,
          projectDir: root,
          env,
          log,
          signal: new AbortController().signal,
        });
        results.push({
          task: `${dag.dag_id}.${task.task_id}`,
          status: outcome.status,
          ...(outcome.error ? { error: outcome.error } : {}),
        });
      }
    }
    expect(results.filter((r) => r.status !== 'success')).toEqual([]);
    expect(results).toHaveLength(defs.graph.assets.length);

    // Then, as Airflow does after the last asset task, each DAG's `voyager__finish_run` closes the
    // run that the first container step opened as `running`.
    const before = await runtime.warehouse.query<{ status: string }>(
      'select status from voyager.runs where run_id = $1',
      [AIRFLOW_RUN_ID],
    );
    expect(before.rows.map((r) => r.status)).toEqual(['running']);
    const finished: Array<{ dag: string; status: string; error?: string }> = [];
    for (const dag of bundle.dags) {
      expect(dag.finish_tasks, dag.dag_id).toHaveLength(1);
      const outcome = await runProcessStep({
        command: dag.finish_tasks[0]!.command.map(render),
        attempt: TRY_NUMBER,
        projectDir: root,
        env,
        log,
        signal: new AbortController().signal,
      });
      finished.push({
        dag: dag.dag_id,
        status: outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}),
      });
    }
    expect(finished).toEqual(bundle.dags.map((d) => ({ dag: d.dag_id, status: 'success' })));
    const after = await runtime.warehouse.query<{ status: string; finished_at: Date | null }>(
      'select status, finished_at from voyager.runs where run_id = $1',
      [AIRFLOW_RUN_ID],
    );
    expect(after.rows.map((r) => r.status)).toEqual(['success']);
    expect(after.rows[0]!.finished_at).not.toBeNull();

    const { rows } = await runtime.warehouse.query<{ asset_key: string }>(
      `select distinct asset_key from voyager.asset_events
        where run_id = $1 and event_type = 'materialization' and status = 'success' order by asset_key`,
      [AIRFLOW_RUN_ID],
    );
    expect(rows.map((r) => r.asset_key)).toEqual(defs.graph.assets.map((a) => a.key).sort());
  }, 600_000);

  it('--dbt-tasks group: each `dbt__<folder>` task builds its whole folder in dependency order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'voyager-contract-group-'));
    dirs.push(dir);
    await writeDagFiles(dir, compileDags(defs, { airflow: 3, target: 'ecs', dbtTasks: 'group' }));
    const grouped = await inspectBundle(dir);
    const dbtTasks = grouped.dags.flatMap((d) => d.tasks).filter((t) => t.task_id.startsWith('dbt__'));
    expect(dbtTasks.length).toBeGreaterThan(0);
    const runId = 'scheduled__2026-11-20T06:00:00+00:00';
    const env = {
      ...services.env,
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_LANDING_URL: runtime.config.landingUrl,
    };
    const log = createLogger({ level: 'silent', pretty: false });
    // the raw tables were filled by the previous test in this runtime; run the dbt groups upstream first
    const order = ['dbt__staging', 'dbt__marts'];
    const sorted = [...dbtTasks].sort((a, b) => order.indexOf(a.task_id) - order.indexOf(b.task_id));
    for (const task of sorted) {
      const outcome = await runProcessStep({
        command: task.command.map((arg) => (arg === '{{ run_id }}' ? runId : render(arg))),
        attempt: TRY_NUMBER,
        projectDir: root,
        env,
        log,
        signal: new AbortController().signal,
      });
      expect({ task: task.task_id, status: outcome.status, error: outcome.error }).toEqual({
        task: task.task_id,
        status: 'success',
        error: undefined,
      });
    }
    const { rows } = await runtime.warehouse.query<{ asset_key: string }>(
      `select distinct asset_key from voyager.asset_events
        where run_id = $1 and event_type = 'materialization' and status = 'success' order by asset_key`,
      [runId],
    );
    const dbtKeys = defs.graph.assets
      .filter((a) => a.image === 'dbt')
      .map((a) => a.key)
      .sort();
    expect(rows.map((r) => r.asset_key)).toEqual(dbtKeys);
  }, 600_000);
});
