import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asset, daily, definitions, image, schedule } from '@voyager/orchestration';
import { compileDags } from '../../src/airflow/compile-dags.js';
import { writeDagFiles } from '../../src/airflow/write-dag-files.js';
import { airflowPython } from './real-airflow.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const python = airflowPython('3.3');

/**
 * Real Airflow 3.3.1 runs of a daily partitioned asset (a test code location whose step command
 * only logs its argv), compiled with `--target process`: each kind of run must hand the step the
 * partition the run stands for. `{{ ds }}` got the manual ones wrong (a manual run's logical date
 * is not the interval its timetable infers) and had nothing to give runs without a logical date.
 */
let dir: string;
let env: NodeJS.ProcessEnv;
const stepLog = (): string => join(dir, 'steps.jsonl');

function testDefinitions(stepScript: string) {
  const noop = async () => {};
  const tiny = image({
    name: 'tiny',
    description: 'logs its argv',
    dockerfile: 'none',
    command: [process.execPath, stepScript],
    resources: { cpu: 256, memoryMiB: 512 },
  });
  const landing = asset({
    key: 'landing/parts/daily',
    description: 'A daily partitioned landing asset',
    image: 'tiny',
    group: 'parts',
    partitions: daily({ start: '2026-01-01' }),
    materialize: noop,
  });
  const raw = asset({
    key: 'raw/parts/daily',
    description: 'Its daily partitioned raw table',
    image: 'tiny',
    group: 'parts',
    deps: [landing],
    partitions: daily({ start: '2026-01-01' }),
    materialize: noop,
  });
  return definitions({
    assets: [landing, raw],
    images: [tiny],
    schedules: [
      schedule({ name: 'parts_daily', description: 'x', cron: '0 5 * * *', selection: landing.key }),
    ],
  });
}

/** The `materialize` commands the runs executed since the last call, as argv arrays. */
async function steps(all = false): Promise<string[][]> {
  const text = await readFile(stepLog(), 'utf8').catch(() => '');
  await rm(stepLog(), { force: true });
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as string[])
    .filter((argv) => all || argv[0] === 'materialize');
}

const partitionOf = (argv: readonly string[]): string | undefined => argv[argv.indexOf('--partition') + 1];

beforeAll(async () => {
  if (!python.path) return;
  dir = await mkdtemp(join(tmpdir(), 'voyager-af-partitions-'));
  const script = join(dir, 'tiny-step.mjs');
  await writeFile(
    script,
    "import { appendFileSync } from 'node:fs';\n" +
      'appendFileSync(process.env.VOYAGER_TEST_STEP_LOG, JSON.stringify(process.argv.slice(2)) + "\\n");\n' +
      // a step that fails before it records anything in run storage, as a usage error does
      "if (process.env.VOYAGER_TEST_FAIL_STEP && process.argv[2] === 'materialize') process.exit(2);\n",
  );
  await writeDagFiles(join(dir, 'bundle'), compileDags(testDefinitions(script), { target: 'process' }));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AIRFLOW_HOME: join(dir, 'airflow-home'),
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    AIRFLOW__CORE__DAGS_FOLDER: join(dir, 'bundle', 'dags'),
    VOYAGER_PROJECT_DIR: dir,
    VOYAGER_TEST_STEP_LOG: stepLog(),
    PYTHONDONTWRITEBYTECODE: '1',
  };
  await run(join(dirname(python.path), 'airflow'), ['db', 'migrate'], { env });
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!python.path)(`partitions on real Airflow 3.3.1 ${python.skipReason ?? ''}`, () => {
  it('`airflow dags test parts_daily <logical date>`: a manual run takes the interval its timetable infers, not the logical date', async () => {
    await run(
      join(dirname(python.path!), 'airflow'),
      ['dags', 'test', 'parts_daily', '2026-11-21T12:00:00+00:00'],
      {
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // {{ ds }} would have said 2026-11-21, a day that has not ended at 12:00
    expect((await steps()).map(partitionOf)).toEqual(['2026-11-20']);
  }, 300_000);

  it('a step that fails without recording anything still fails the DAG run (the finish task checks its upstream tasks)', async () => {
    const failing = run(
      join(dirname(python.path!), 'airflow'),
      ['dags', 'test', 'parts_daily', '2026-11-22T12:00:00+00:00'],
      { env: { ...env, VOYAGER_TEST_FAIL_STEP: '1' }, maxBuffer: 64 * 1024 * 1024 },
    );
    await expect(failing).rejects.toThrow(/DagRun failed/);
    // the finish task still ran after the failed step (trigger_rule all_done), then failed the run
    expect((await steps(true)).map((argv) => argv[0])).toEqual(['materialize', 'finish-run']);
  }, 300_000);

  it('scheduled, manual without logical date, manual with conf and asset-triggered runs each get their partition', async () => {
    const { stdout } = await run(python.path!, [join(here, 'partition_runs.py'), join(dir, 'bundle')], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    await rm(stepLog(), { force: true });
    const line = stdout.split('\n').findLast((l) => l.startsWith('VOYAGER_REPORT '))!;
    const runs = JSON.parse(line.slice('VOYAGER_REPORT '.length)) as Array<{
      scenario: string;
      dag_id: string;
      state: string;
      run_type: string;
      run_id: string;
      logical_date: string | null;
      steps: string[][];
      events?: Array<{ extra: Record<string, string>; partition_key: string | null }>;
    }>;
    const summary = runs.map((r) => ({
      scenario: r.scenario,
      dag: r.dag_id,
      state: r.state,
      type: r.run_type,
      logicalDate: r.logical_date,
      partitions: r.steps.filter((s) => s[0] === 'materialize').map(partitionOf),
    }));
    expect(summary).toEqual([
      {
        scenario: 'scheduled',
        dag: 'parts_daily',
        state: 'success',
        type: 'scheduled',
        logicalDate: '2026-11-20T05:00:00+00:00',
        partitions: ['2026-11-20'],
      },
      {
        scenario: 'manual without logical date',
        dag: 'parts_daily',
        state: 'success',
        type: 'manual',
        logicalDate: null,
        partitions: ['2026-11-20'],
      },
      {
        scenario: 'manual with conf',
        dag: 'parts_daily',
        state: 'success',
        type: 'manual',
        logicalDate: null,
        partitions: ['2026-01-15'],
      },
      {
        scenario: 'asset-triggered',
        dag: 'parts_assets',
        state: 'success',
        type: 'asset_triggered',
        logicalDate: null,
        partitions: ['2026-11-20'],
      },
    ]);
    // the scheduled run's asset event names its partition and its Voyager run for downstream DAGs
    expect(runs[0]!.events).toContainEqual({
      extra: {
        voyager_partition: '2026-11-20',
        voyager_run_id: `parts_daily__${runs[0]!.run_id}`,
      },
      partition_key: null,
    });
  }, 600_000);
});
