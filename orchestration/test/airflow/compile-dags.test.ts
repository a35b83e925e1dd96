import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asset, definitions, schedule } from '@voyager/orchestration';
import { AIRFLOW_RUN_ID_TEMPLATE } from '../../src/airflow/dag-plan.js';
import { AirflowCompileError, type CompileDagsOptions } from '../../src/airflow/compile-options.js';
import { compileDags } from '../../src/airflow/compile-dags.js';
import { writeDagFiles } from '../../src/airflow/write-dag-files.js';
import { assetTasks, expectBundleMatchesGraph, RUN_ID_TEMPLATE } from './bundle-expectations.js';
import { airflowPython, loadDagBag, type DagBagReport } from './real-airflow.js';
import { heartRate, images, rawActivities, sampleDefinitions } from './sample-definitions.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const airflow3 = airflowPython('3.3');
const airflow2 = airflowPython('2.11');

/** Writes the sample bundle and loads it into real Airflow 3.3.1 (or 2.11 for `--airflow 2`). */
async function build(options: CompileDagsOptions): Promise<{ dir: string; bag: DagBagReport }> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-dags-'));
  dirs.push(dir);
  await writeDagFiles(dir, compileDags(sampleDefinitions(), options));
  const python = (options.airflow === 2 ? airflow2 : airflow3).path!;
  return { dir, bag: await loadDagBag(python, dir) };
}

const variants = [
  { airflow: 3, target: 'ecs', dbtTasks: 'model' },
  { airflow: 3, target: 'docker', dbtTasks: 'group' },
  { airflow: 3, target: 'process', dbtTasks: 'model' },
  { airflow: 2, target: 'ecs', dbtTasks: 'group' },
  { airflow: 2, target: 'docker', dbtTasks: 'model' },
] as const;

describe('compileDags on the sample graph, judged by real Airflow', () => {
  for (const v of variants) {
    const python = v.airflow === 2 ? airflow2 : airflow3;
    const name = `airflow ${v.airflow}, ${v.target}, dbt tasks per ${v.dbtTasks}`;
    it.skipIf(!python.path)(
      `${name}: the DagBag loads every DAG and they say what the graph says ${python.skipReason ?? ''}`,
      async () => {
        const { bag } = await build(v);
        expect(bag.dags).toHaveLength(4);
        expectBundleMatchesGraph(sampleDefinitions(), bag, v);
      },
      120_000,
    );
  }

  it('ships one operator package under dags/ with package-qualified imports and an .airflowignore', () => {
    for (const target of ['ecs', 'docker', 'process'] as const) {
      const files = compileDags(sampleDefinitions(), { target });
      expect(files.map((f) => f.path).filter((p) => !p.startsWith('dags/voyager_airflow/'))).toEqual([
        'README.md',
        'dags/.airflowignore',
        'dags/fitbit_hourly.py',
        'dags/reference_assets.py',
        'dags/staging_marts_assets.py',
        'dags/strava_daily.py',
        'requirements.txt',
      ]);
      // no module at a sys.path root named like a library (a docker.py in plugins/ shadowed the Docker SDK)
      expect(files.filter((f) => f.path.startsWith('plugins/'))).toEqual([]);
      expect(files.filter((f) => f.path.startsWith('dags/voyager_airflow/')).map((f) => f.path)).toEqual(
        ['__init__', 'compat', 'partitions', 'settings', 'step', target]
          .sort()
          .map((m) => `dags/voyager_airflow/${m}.py`),
      );
      expect(files.find((f) => f.path === 'dags/.airflowignore')!.content).toMatch(/^voyager_airflow\/$/m);
      for (const f of files.filter((file) => /^dags\/[a-z_]+\.py$/.test(file.path)))
        expect(f.content, f.path).toContain(`from voyager_airflow.${target} import `);
    }
  });

  it('is deterministic: byte-identical output for the same graph', () => {
    for (const v of variants)
      expect(compileDags(sampleDefinitions(), v)).toEqual(compileDags(sampleDefinitions(), v));
  });

  it.skipIf(!airflow3.path)(
    `writes one DAG per schedule plus one per unscheduled connected part ${airflow3.skipReason ?? ''}`,
    async () => {
      const { bag } = await build({});
      expect(bag.dags.map((d) => [d.dag_id, d.schedule.timetable])).toEqual([
        ['fitbit_hourly', 'CronDataIntervalTimetable'],
        ['reference_assets', 'NullTimetable'],
        ['staging_marts_assets', 'AssetTriggeredTimetable'],
        ['strava_daily', 'CronDataIntervalTimetable'],
      ]);
      const strava = bag.dags.find((d) => d.dag_id === 'strava_daily')!;
      expect(strava.tasks.map((t) => t.task_id)).toEqual([
        'landing__strava__activities',
        'raw__strava_activities',
        'voyager__finish_run',
      ]);
      // the partition is computed when the task runs, never templated from {{ ds }}
      expect(strava.tasks[0]!.command).toEqual([
        'node',
        'extract/dist/main.js',
        'materialize',
        'landing/strava/activities',
        '--run-id',
        '{{ dag.dag_id }}__{{ run_id }}',
        '--attempt',
        '{{ ti.try_number }}',
      ]);
      expect(strava.tasks[0]!.partitions).toEqual({ kind: 'daily', timezone: 'UTC', source: 'schedule' });
      expect(strava.tasks[1]).toMatchObject({
        cpu: 1024,
        memory_mib: 4096,
        retries: 1,
        retry_delay_seconds: 2,
      });
      expect(strava.start_date).toBe('2017-01-01T00:00:00+00:00');
      expect(strava.tasks[2]).toMatchObject({
        task_id: 'voyager__finish_run',
        image: 'extract',
        command: ['node', 'extract/dist/main.js', 'finish-run', '--run-id', '{{ dag.dag_id }}__{{ run_id }}'],
        trigger_rule: 'all_done',
        upstream: ['landing__strava__activities', 'raw__strava_activities'],
      });
      const fitbit = bag.dags.find((d) => d.dag_id === 'fitbit_hourly')!;
      expect(fitbit.tasks[0]!.partitions).toEqual({
        kind: 'hourly',
        timezone: 'Europe/Paris',
        source: 'schedule',
      });
      const dbt = bag.dags.find((d) => d.dag_id === 'staging_marts_assets')!;
      // a DAG of dbt assets only closes its run with the dbt image
      expect(dbt.tasks.at(-1)!.command).toEqual([
        'node',
        'orchestration/dist/entry/main.js',
        'finish-run',
        '--run-id',
        '{{ dag.dag_id }}__{{ run_id }}',
      ]);
      expect(dbt.schedule.assets).toEqual(['voyager://raw/strava_activities']);
      // partitioned dbt models downstream of a daily asset take the partition from the trigger
      expect(dbt.tasks[0]!.partitions).toBeNull();
    },
    120_000,
  );

  it('passes one run id template, unique across DAGs, to every container and names it in the README', () => {
    // Airflow's run_id is only unique within a DAG (two cron DAGs of one logical date both get
    // scheduled__<date>): the DAG id makes the Voyager run id unique across DAGs.
    expect(AIRFLOW_RUN_ID_TEMPLATE).toBe(RUN_ID_TEMPLATE);
    const files = compileDags(sampleDefinitions(), {});
    const readme = files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain(`'finish-run', '--run-id', '${RUN_ID_TEMPLATE}'`);
    expect(readme).toContain(`'--run-id', '${RUN_ID_TEMPLATE}', '--attempt'`);
    for (const f of files.filter((file) => /^dags\/[a-z_]+\.py$/.test(file.path))) {
      expect(f.content, f.path).not.toMatch(/'\{\{ run_id \}\}'|"\{\{ run_id \}\}"/);
      expect(f.content, f.path).toContain(`"${RUN_ID_TEMPLATE}"`);
    }
  });

  it.skipIf(!airflow3.path)(
    `builds one dbt task per dbt folder with --dbt-tasks group ${airflow3.skipReason ?? ''}`,
    async () => {
      const { bag } = await build({ dbtTasks: 'group' });
      const dbt = bag.dags.find((d) => d.dag_id === 'staging_marts_assets')!;
      expect(assetTasks(dbt).map((t) => [t.task_id, t.command.slice(2, 4), t.outlets, t.upstream])).toEqual([
        [
          'dbt__staging',
          ['materialize', 'group:staging'],
          ['voyager://staging/stg_strava__activities', 'voyager://staging/stg_strava__laps'],
          [],
        ],
        ['dbt__marts', ['materialize', 'group:marts'], ['voyager://marts/fct_activities'], ['dbt__staging']],
      ]);
    },
    120_000,
  );

  it('asset-triggered DAGs take the partition from the trigger, cron DAGs from the schedule', () => {
    const defs = definitions({
      assets: [rawActivities.deps[0]!, rawActivities],
      images,
      schedules: [
        schedule({
          name: 'extract_daily',
          description: 'x',
          cron: '0 4 * * *',
          selection: 'landing/strava/activities',
        }),
      ],
    });
    for (const airflow of [3, 2] as const) {
      const files = compileDags(defs, { airflow });
      const triggered = files.find((f) => f.path === 'dags/strava_assets.py')!.content;
      expect(triggered).toContain('partitions={"kind": "daily", "timezone": "UTC", "source": "trigger"}');
      const cron = files.find((f) => f.path === 'dags/extract_daily.py')!.content;
      expect(cron).toContain('partitions={"kind": "daily", "timezone": "UTC", "source": "schedule"}');
      for (const f of files.filter((file) => /^dags\/[a-z_]+\.py$/.test(file.path)))
        expect(f.content, f.path).not.toContain('{{ ds }}');
    }
  });

  it('writes requirements.txt with the constraint line MWAA expects', () => {
    const req = (o: CompileDagsOptions) =>
      compileDags(sampleDefinitions(), o).find((f) => f.path === 'requirements.txt')!.content;
    expect(req({})).toContain(
      '--constraint "https://raw.githubusercontent.com/apache/airflow/constraints-3.3.1/constraints-3.12.txt"\napache-airflow-providers-amazon\n',
    );
    expect(req({ airflow: 2 })).toContain('constraints-2.10.3/constraints-3.11.txt');
    expect(req({ target: 'docker' })).toContain('apache-airflow-providers-docker');
    expect(req({ airflow: 3, airflowVersion: '3.0.6' })).toContain('constraints-3.0.6/constraints-3.12.txt');
    expect(req({ target: 'process' })).not.toContain('apache-airflow-providers');
  });

  it('rejects what Airflow cannot hold', () => {
    const clash = definitions({
      assets: [rawActivities.deps[0]!, rawActivities],
      images,
      schedules: [
        schedule({
          name: 'strava_assets',
          description: 'x',
          cron: '0 4 * * *',
          selection: 'landing/strava/activities',
        }),
      ],
    });
    expect(() => compileDags(clash)).toThrow(AirflowCompileError);
    expect(() => compileDags(clash)).toThrow('two DAGs would both be named strava_assets');

    const a = asset({
      key: 'staging/a',
      description: 'a',
      image: 'dbt',
      tags: { kind: 'dbt', dbt_folder: 'staging' },
      materialize: async () => {},
    });
    const b = asset({
      key: 'marts/b',
      description: 'b',
      image: 'dbt',
      deps: [a],
      tags: { kind: 'dbt', dbt_folder: 'marts' },
      materialize: async () => {},
    });
    const c = asset({
      key: 'staging/c',
      description: 'c',
      image: 'dbt',
      deps: [b],
      tags: { kind: 'dbt', dbt_folder: 'staging' },
      materialize: async () => {},
    });
    const reserved = definitions({
      assets: [
        asset({ key: 'voyager/finish_run', description: 'x', image: 'extract', materialize: async () => {} }),
      ],
      images,
    });
    expect(() => compileDags(reserved)).toThrow(
      'DAG voyager_assets: task voyager__finish_run is reserved for the task that closes the run; rename its asset',
    );

    const cyclic = definitions({ assets: [a, b, c], images });
    expect(() => compileDags(cyclic, { dbtTasks: 'model' })).not.toThrow();
    expect(() => compileDags(cyclic, { dbtTasks: 'group' })).toThrow(
      /cycle \(dbt__staging, dbt__marts\); use --dbt-tasks model/,
    );
    // @ts-expect-error: only Airflow 2 and 3 exist
    expect(() => compileDags(cyclic, { airflow: 4 })).toThrow('--airflow must be 3 or 2, not 4');
  });
});

describe('partitions against the schedule', () => {
  const scheduled = (cron: string) =>
    definitions({
      assets: [heartRate],
      images,
      schedules: [schedule({ name: 'fitbit_daily', description: 'x', cron, selection: heartRate.key })],
    });

  it('refuses an asset whose partitions are finer than its cron schedule, naming both', () => {
    for (const cron of ['0 5 * * *', '0 */2 * * *', '0 * * * 1', '0 * 1 * *']) {
      expect(() => compileDags(scheduled(cron)), cron).toThrow(AirflowCompileError);
      expect(() => compileDags(scheduled(cron)), cron).toThrow(
        `asset landing/fitbit/heart_rate has hourly partitions but schedule fitbit_daily (cron '${cron}')`,
      );
    }
    const weekly = definitions({
      assets: [rawActivities.deps[0]!],
      images,
      schedules: [
        schedule({ name: 'strava_weekly', description: 'x', cron: '0 5 * * 1', selection: 'group:strava' }),
      ],
    });
    expect(() => compileDags(weekly)).toThrow(
      /asset landing\/strava\/activities has daily partitions but schedule strava_weekly .* runs less often than daily/,
    );
  });

  it('accepts schedules that run at least once per partition', () => {
    for (const cron of ['15 * * * *', '0 */1 * * *', '*/10 * * * *'])
      expect(() => compileDags(scheduled(cron)), cron).not.toThrow();
  });
});

describe('snapshots of the generated bundle', () => {
  // DAG files, README, requirements and .airflowignore; the operator package is a copy of
  // orchestration/airflow/voyager_airflow, tested against real Airflow, not frozen here.
  for (const v of [variants[0], variants[1]]) {
    it(`airflow ${v.airflow} ${v.target} ${v.dbtTasks}`, async () => {
      for (const f of compileDags(sampleDefinitions(), v)) {
        if (f.path.startsWith('dags/voyager_airflow/')) continue;
        await expect(f.content).toMatchFileSnapshot(
          `./__snapshots__/airflow${v.airflow}-${v.target}-${v.dbtTasks}/${f.path}`,
        );
      }
    });
  }
});
