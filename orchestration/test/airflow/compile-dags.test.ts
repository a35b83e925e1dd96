import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  asset,
  definitions,
  schedule,
  AIRFLOW_RUN_ID_TEMPLATE,
  AirflowCompileError,
  compileDags,
  writeDagFiles,
  type CompileDagsOptions,
} from '@voyager/orchestration';
import { expectBundleMatchesGraph, RUN_ID_TEMPLATE } from './bundle-expectations.js';
import { inspectBundle, pyCompile, pythonFiles, type InspectedBundle } from './bundle-inspection.js';
import { heartRate, images, rawActivities, sampleDefinitions } from './sample-definitions.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function build(
  options: CompileDagsOptions,
): Promise<{ dir: string; bundle: InspectedBundle; py: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-dags-'));
  dirs.push(dir);
  await writeDagFiles(dir, compileDags(sampleDefinitions(), options));
  const py = await pythonFiles(dir);
  await pyCompile(py, join(dir, '.pycache'));
  return { dir, bundle: await inspectBundle(dir), py };
}

const variants = [
  { airflow: 3, target: 'ecs', dbtTasks: 'model' },
  { airflow: 3, target: 'docker', dbtTasks: 'group' },
  { airflow: 2, target: 'ecs', dbtTasks: 'group' },
  { airflow: 2, target: 'docker', dbtTasks: 'model' },
] as const;

describe('compileDags on the sample graph', () => {
  for (const v of variants) {
    const name = `airflow ${v.airflow}, ${v.target}, dbt tasks per ${v.dbtTasks}`;
    it(`${name}: every file compiles and the DAGs say what the graph says`, async () => {
      const { bundle, py } = await build(v);
      expect(py.length).toBe(bundle.dags.length + 4);
      expectBundleMatchesGraph(sampleDefinitions(), bundle, v);
      const imported = bundle.dags.flatMap((d) => d.imports.map((i) => i.module));
      expect(imported).toContain(`voyager_airflow.${v.target}`);
      expect(imported).toContain(v.airflow === 3 ? 'airflow.sdk' : 'airflow.datasets');
      expect(imported).not.toContain(v.airflow === 3 ? 'airflow.datasets' : 'airflow.sdk');
    });
  }

  it('is deterministic: byte-identical output for the same graph', () => {
    for (const v of variants)
      expect(compileDags(sampleDefinitions(), v)).toEqual(compileDags(sampleDefinitions(), v));
  });

  it('writes one DAG per schedule plus one per unscheduled connected part', async () => {
    const { bundle } = await build({});
    expect(bundle.dags.map((d) => [d.dag_id, d.schedule.kind])).toEqual([
      ['fitbit_hourly', 'cron'],
      ['reference_assets', 'manual'],
      ['staging_marts_assets', 'assets'],
      ['strava_daily', 'cron'],
    ]);
    const strava = bundle.dags.find((d) => d.dag_id === 'strava_daily')!;
    expect(strava.tasks.map((t) => t.task_id)).toEqual([
      'landing__strava__activities',
      'raw__strava_activities',
    ]);
    expect(strava.tasks[0]!.command).toEqual([
      'node',
      'extract/dist/main.js',
      'materialize',
      'landing/strava/activities',
      '--partition',
      '{{ ds }}',
      '--run-id',
      '{{ dag.dag_id }}__{{ run_id }}',
      '--attempt',
      '{{ ti.try_number }}',
    ]);
    expect(strava.tasks[1]).toMatchObject({
      cpu: 1024,
      memory_mib: 4096,
      retries: 1,
      retry_delay_seconds: 2,
    });
    expect(strava.start_date).toBe("pendulum.datetime(2017, 1, 1, tz='UTC')");
    expect(strava.finish_tasks.map((t) => [t.task_id, t.image, t.command, t.trigger_rule])).toEqual([
      [
        'voyager__finish_run',
        'extract',
        ['node', 'extract/dist/main.js', 'finish-run', '--run-id', '{{ dag.dag_id }}__{{ run_id }}'],
        'all_done',
      ],
    ]);
    expect(strava.finish_edges).toEqual([
      ['landing__strava__activities', 'voyager__finish_run'],
      ['raw__strava_activities', 'voyager__finish_run'],
    ]);
    const dbt = bundle.dags.find((d) => d.dag_id === 'staging_marts_assets')!;
    // a DAG of dbt assets only closes its run with the dbt image
    expect(dbt.finish_tasks.map((t) => t.command)).toEqual([
      [
        'node',
        'orchestration/dist/entry/main.js',
        'finish-run',
        '--run-id',
        '{{ dag.dag_id }}__{{ run_id }}',
      ],
    ]);
    expect(dbt.schedule).toEqual({
      kind: 'assets',
      uris: ['voyager://raw/strava_activities'],
      classes: ['Asset'],
    });
  });

  it('passes one run id template, unique across DAGs, to every container and names it in the README', () => {
    // Airflow's run_id is only unique within a DAG (two cron DAGs of one logical date both get
    // scheduled__<date>): the DAG id makes the Voyager run id unique across DAGs.
    expect(AIRFLOW_RUN_ID_TEMPLATE).toBe(RUN_ID_TEMPLATE);
    const files = compileDags(sampleDefinitions(), {});
    const readme = files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain(`'finish-run', '--run-id', '${RUN_ID_TEMPLATE}'`);
    expect(readme).toContain(`'--run-id', '${RUN_ID_TEMPLATE}', '--attempt'`);
    for (const f of files.filter((file) => file.path.startsWith('dags/'))) {
      expect(f.content, f.path).not.toMatch(/'\{\{ run_id \}\}'|"\{\{ run_id \}\}"/);
      expect(f.content, f.path).toContain(`"${RUN_ID_TEMPLATE}"`);
    }
  });

  it('builds one dbt task per dbt folder with --dbt-tasks group', async () => {
    const { bundle } = await build({ dbtTasks: 'group' });
    const dbt = bundle.dags.find((d) => d.dag_id === 'staging_marts_assets')!;
    expect(dbt.tasks.map((t) => [t.task_id, t.command.slice(2, 4), t.outlets])).toEqual([
      [
        'dbt__staging',
        ['materialize', 'group:staging'],
        ['voyager://staging/stg_strava__activities', 'voyager://staging/stg_strava__laps'],
      ],
      ['dbt__marts', ['materialize', 'group:marts'], ['voyager://marts/fct_activities']],
    ]);
    expect(dbt.edges).toEqual([['dbt__staging', 'dbt__marts']]);
  });

  it('takes the partition from the triggering asset events where there is no data interval', () => {
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
      const dag = compileDags(defs, { airflow }).find((f) => f.path === 'dags/strava_assets.py')!.content;
      const events = airflow === 3 ? 'triggering_asset_events' : 'triggering_dataset_events';
      expect(dag).toContain(`"{{ voyager_partition(dag_run, ${events}, \\"daily\\", \\"UTC\\") }}"`);
      expect(dag).toContain('user_defined_macros={"voyager_partition": voyager_partition}');
      expect(dag).toContain('from voyager_airflow.partitions import voyager_partition');
    }
  });

  it('emits the operator plugin with the settings the infrastructure provides', async () => {
    const { bundle } = await build({ target: 'ecs' });
    const ecs = bundle.modules.find((m) => m.file === 'plugins/voyager_airflow/ecs.py')!;
    expect(ecs.classes.map((c) => [c.name, c.bases])).toEqual([
      ['VoyagerAssetOperator', ['EcsRunTaskOperator']],
      ['VoyagerDbtOperator', ['VoyagerAssetOperator']],
    ]);
    expect(ecs.classes[0]!.init_defaults).toMatchObject({ launch_type: "'FARGATE'", reattach: 'True' });
    const strings = bundle.modules.flatMap((m) => m.strings);
    for (const name of [
      'voyager_ecs_cluster',
      'voyager_subnets',
      'voyager_security_groups',
      'voyager_task_family_',
      'voyager_log_group_',
    ]) {
      expect(strings, name).toContain(name);
    }
    expect(bundle.modules.map((m) => m.file)).toEqual([
      'plugins/voyager_airflow/__init__.py',
      'plugins/voyager_airflow/ecs.py',
      'plugins/voyager_airflow/partitions.py',
      'plugins/voyager_airflow/settings.py',
    ]);
    const docker = (await build({ target: 'docker' })).bundle.modules.find(
      (m) => m.file === 'plugins/voyager_airflow/docker.py',
    )!;
    expect(docker.classes.map((c) => [c.name, c.bases])).toEqual([
      ['VoyagerAssetOperator', ['DockerOperator']],
      ['VoyagerDbtOperator', ['VoyagerAssetOperator']],
    ]);
  });

  it('writes requirements.txt with the constraint line MWAA expects', () => {
    const req = (o: CompileDagsOptions) =>
      compileDags(sampleDefinitions(), o).find((f) => f.path === 'requirements.txt')!.content;
    expect(req({})).toContain(
      '--constraint "https://raw.githubusercontent.com/apache/airflow/constraints-3.0.6/constraints-3.12.txt"\napache-airflow-providers-amazon\n',
    );
    expect(req({ airflow: 2 })).toContain('constraints-2.10.3/constraints-3.11.txt');
    expect(req({ target: 'docker' })).toContain('apache-airflow-providers-docker');
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
  for (const v of [variants[0], variants[1]]) {
    it(`airflow ${v.airflow} ${v.target} ${v.dbtTasks}`, async () => {
      for (const f of compileDags(sampleDefinitions(), v)) {
        if (f.path.startsWith('plugins/')) continue;
        await expect(f.content).toMatchFileSnapshot(
          `./__snapshots__/airflow${v.airflow}-${v.target}-${v.dbtTasks}/${f.path}`,
        );
      }
    });
  }
  it('the operator package', async () => {
    for (const target of ['ecs', 'docker'] as const) {
      for (const f of compileDags(sampleDefinitions(), { target })) {
        if (f.path.startsWith('plugins/'))
          await expect(f.content).toMatchFileSnapshot(`./__snapshots__/${target}-${f.path}`);
      }
    }
  });
});
