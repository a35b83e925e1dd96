import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/context/logger.js';
import { missingEntryPoints, runProcessStep } from '../../src/executor/process-step.js';
import { planDags } from '../../src/airflow/dag-plan.js';
import { resolveCompileOptions, type CompileDagsOptions } from '../../src/airflow/compile-options.js';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import defs from '../../../definitions.js';
import { startDevServices, type StartedDevServices } from '../../src/cli/dev-services.js';

/** The tasks of the compiled DAGs, as the DAG files spell them (the plan the renderer writes out). */
interface PlannedBundle {
  readonly dags: ReadonlyArray<{
    readonly dag_id: string;
    readonly tasks: ReadonlyArray<{
      task_id: string;
      command: readonly string[];
      asset_keys: readonly string[];
      partitions: { readonly kind: 'daily' | 'hourly' } | undefined;
    }>;
    readonly finish_tasks: ReadonlyArray<{ command: readonly string[] }>;
  }>;
}

function planBundle(options: CompileDagsOptions): PlannedBundle {
  return {
    dags: planDags(defs, resolveCompileOptions(options)).map((d) => ({
      dag_id: d.dagId,
      tasks: d.tasks.map((t) => ({
        task_id: t.taskId,
        command: t.command,
        asset_keys: t.assetKeys,
        partitions: t.partitions,
      })),
      finish_tasks: [{ command: d.finishRun.command }],
    })),
  };
}

/**
 * The contract between the compiled DAGs and the images: every task's container command, as
 * the compiler writes it into the DAG files, rendered as Airflow would render it and run through local
 * process isolation (`runProcessStep`, what `voyager materialize --isolation process` uses)
 * against the Strava simulator's recorded data: every asset materializes. Every DAG's steps
 * record one Voyager run of their own, `<dag_id>__<run_id>`, though all DAGs get the same Airflow
 * `run_id` here (as two cron DAGs of one logical date do); then each DAG's `voyager__finish_run`
 * closes its own run in `voyager.runs` as `success`, and no other DAG's.
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
let bundle: PlannedBundle;

/** The Airflow run a command is rendered for: its DAG's id and Airflow's `run_id`. */
interface AirflowRun {
  readonly dagId: string;
  readonly runId: string;
}

/** The Voyager run id Airflow renders `{{ dag.dag_id }}__{{ run_id }}` to. */
function voyagerRunId(airflowRun: AirflowRun): string {
  return `${airflowRun.dagId}__${airflowRun.runId}`;
}

/**
 * The command with `--partition <key>` before `--run-id`, as the operator inserts it
 * (`voyager_airflow.partitions.with_partition`) for a daily or hourly asset: here the data
 * interval's window, `2026-11-20` or `2026-11-20T05:00` (what `window_key` gives for the interval start).
 */
function withPartition(
  command: readonly string[],
  partitions: { readonly kind: 'daily' | 'hourly' } | undefined,
) {
  if (partitions === undefined) return command;
  const key = partitions.kind === 'hourly' ? `${DATA_INTERVAL_START}T05:00` : DATA_INTERVAL_START;
  const at = command.indexOf('--run-id');
  return [...command.slice(0, at), '--partition', key, ...command.slice(at)];
}

/**
 * Renders the Jinja expressions the compiler emits, as Airflow would in a task of `airflowRun` for the
 * data interval of 2026-11-20; throws on any other expression.
 */
function render(arg: string, airflowRun: AirflowRun): string {
  const known: Record<string, string> = {
    'dag.dag_id': airflowRun.dagId,
    run_id: airflowRun.runId,
    ds: DATA_INTERVAL_START,
    'ti.try_number': String(TRY_NUMBER),
    "data_interval_start.strftime('%Y-%m-%dT%H:00')": `${DATA_INTERVAL_START}T05:00`,
  };
  return arg.replace(/\{\{\s*(.*?)\s*\}\}/g, (template: string, expression: string) => {
    const value = known[expression];
    if (value === undefined) throw new Error(`this test cannot render the template ${template} in ${arg}`);
    return value;
  });
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
  bundle = planBundle({ airflow: 3, target: 'ecs' });
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
});

describe('container commands of the generated DAGs', () => {
  it('every task command materializes its asset through local process isolation', async () => {
    const env = {
      ...services.env,
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_LANDING_URL: runtime.config.landingUrl,
      VOYAGER_LOG_LEVEL: 'info',
      // the command contract is the subject, not the dbt engine: `auto` would find .tools/dbt and
      // take minutes per DAG (real dbt's steps are tested in vitest.engines.config.ts)
      VOYAGER_DBT_RUNNER: 'builtin',
    };
    const log = createLogger({ level: 'silent', pretty: false });
    const results: Array<{ task: string; status: string; error?: string }> = [];
    for (const dag of bundle.dags) {
      const airflowRun = { dagId: dag.dag_id, runId: AIRFLOW_RUN_ID };
      for (const task of dag.tasks) {
        const outcome = await runProcessStep({
          command: withPartition(task.command, task.partitions).map((arg) => render(arg, airflowRun)),
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
    // every asset is some DAG's task (an asset may be in several DAGs: totesys every 30 minutes and daily)
    const covered = new Set(bundle.dags.flatMap((d) => d.tasks.flatMap((t) => t.asset_keys)));
    expect([...covered].sort()).toEqual(defs.graph.assets.map((a) => a.key).sort());

    // Each DAG's steps opened a run of their own as `running`, keyed by the DAG id: the shared
    // Airflow run_id alone names no Voyager run.
    const runIds = bundle.dags.map((d) => voyagerRunId({ dagId: d.dag_id, runId: AIRFLOW_RUN_ID }));
    expect(new Set(runIds).size).toBe(bundle.dags.length);
    const statuses = async (): Promise<Record<string, string>> => {
      const { rows } = await runtime.warehouse.query<{ run_id: string; status: string }>(
        'select run_id, status from voyager.runs where run_id = any($1) or run_id = $2 order by run_id',
        [runIds, AIRFLOW_RUN_ID],
      );
      return Object.fromEntries(rows.map((r) => [r.run_id, r.status]));
    };
    expect(await statuses()).toEqual(Object.fromEntries(runIds.map((id) => [id, 'running'])));
    for (const [i, dag] of bundle.dags.entries()) {
      const { rows } = await runtime.warehouse.query<{ asset_key: string }>(
        `select distinct asset_key from voyager.asset_events
          where run_id = $1 and event_type = 'materialization' and status = 'success' order by asset_key`,
        [runIds[i]],
      );
      expect(
        rows.map((r) => r.asset_key),
        `assets of run ${runIds[i]}`,
      ).toEqual(dag.tasks.flatMap((t) => t.asset_keys).sort());
    }

    // Then, as Airflow does after the last asset task, each DAG's `voyager__finish_run` closes its
    // own run, and leaves the runs of the DAGs not finished yet `running`.
    const finished: Array<{ dag: string; status: string; error?: string }> = [];
    for (const [i, dag] of bundle.dags.entries()) {
      expect(dag.finish_tasks, dag.dag_id).toHaveLength(1);
      const airflowRun = { dagId: dag.dag_id, runId: AIRFLOW_RUN_ID };
      const outcome = await runProcessStep({
        command: dag.finish_tasks[0]!.command.map((arg) => render(arg, airflowRun)),
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
      expect(await statuses(), `after ${dag.dag_id}'s finish task`).toEqual(
        Object.fromEntries(runIds.map((id, j) => [id, j <= i ? 'success' : 'running'])),
      );
    }
    expect(finished).toEqual(bundle.dags.map((d) => ({ dag: d.dag_id, status: 'success' })));
    const after = await runtime.warehouse.query<{ finished_at: Date | null }>(
      'select finished_at from voyager.runs where run_id = any($1)',
      [runIds],
    );
    expect(after.rows).toHaveLength(runIds.length);
    for (const row of after.rows) expect(row.finished_at).not.toBeNull();
  }); // the engines config's 20-minute timeout: a process per task, minutes on a loaded machine

  it('--dbt-tasks group: each `dbt__<folder>` task builds its whole folder in dependency order', async () => {
    const grouped = planBundle({ airflow: 3, target: 'ecs', dbtTasks: 'group' });
    const dbtTasks = grouped.dags.flatMap((d) => d.tasks).filter((t) => t.task_id.startsWith('dbt__'));
    expect(dbtTasks.length).toBeGreaterThan(0);
    const runId = 'scheduled__2026-11-20T06:00:00+00:00';
    const dagOf = new Map(grouped.dags.flatMap((d) => d.tasks.map((t) => [t.task_id, d.dag_id] as const)));
    const env = {
      ...services.env,
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_LANDING_URL: runtime.config.landingUrl,
      VOYAGER_DBT_RUNNER: 'builtin',
    };
    const log = createLogger({ level: 'silent', pretty: false });
    // the raw tables were filled by the previous test in this runtime; run the dbt groups upstream first
    const order = ['dbt__staging', 'dbt__marts'];
    const sorted = [...dbtTasks].sort((a, b) => order.indexOf(a.task_id) - order.indexOf(b.task_id));
    for (const task of sorted) {
      const outcome = await runProcessStep({
        command: task.command.map((arg) => render(arg, { dagId: dagOf.get(task.task_id)!, runId })),
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
        where run_id = any($1) and event_type = 'materialization' and status = 'success' order by asset_key`,
      [[...new Set(sorted.map((t) => voyagerRunId({ dagId: dagOf.get(t.task_id)!, runId })))]],
    );
    const dbtKeys = defs.graph.assets
      .filter((a) => a.image === 'dbt')
      .map((a) => a.key)
      .sort();
    expect(rows.map((r) => r.asset_key)).toEqual(dbtKeys);
  }, 600_000);
});
