import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDags, writeDagFiles } from '@voyager/orchestration';
import { sampleDefinitions } from './sample-definitions.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes the bundle of `target` and runs `plugin_harness.py` (Airflow stand-ins) on it. */
async function harness(target: 'ecs' | 'docker'): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-plugin-'));
  dirs.push(dir);
  await writeDagFiles(dir, compileDags(sampleDefinitions(), { target }));
  const { stdout } = await run('python3', [join(here, 'plugin_harness.py'), dir, target], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('operator package, run against Airflow stand-ins', () => {
  it('ecs: FARGATE RunTask with the command override, network and logs from the infrastructure Variables', async () => {
    const out = await harness('ecs');
    const command = [
      'node',
      'extract/dist/main.js',
      'materialize',
      'landing/strava/activities',
      '--partition',
      '2024-03-31',
      '--run-id',
      'scheduled__x',
    ];
    expect(out.asset_sent).toMatchObject({
      cluster: 'voyager-cluster-dev',
      task_definition: 'voyager-extract-dev',
      launch_type: 'FARGATE',
      reattach: true,
      region_name: 'eu-west-1',
      awslogs_group: '/voyager/dev/extract',
      awslogs_stream_prefix: 'extract/extract',
      network_configuration: {
        awsvpcConfiguration: {
          subnets: ['subnet-a', 'subnet-b'],
          securityGroups: ['sg-1', 'sg-2'],
          assignPublicIp: 'DISABLED',
        },
      },
      overrides: { containerOverrides: [{ name: 'extract', command }] },
    });
    expect(out.template_fields).toContain('command');
    expect(out.asset_events).toEqual({
      'asset-a': { voyager_partition: '2024-03-31', voyager_run_id: 'scheduled__x' },
    });
    expect(out.dbt_sent).toMatchObject({
      task_definition: 'voyager-dbt-core-dev',
      awslogs_stream_prefix: 'dbt-core/dbt-core',
      overrides: { cpu: '2048', memory: '4096', containerOverrides: [{ name: 'dbt-core' }] },
    });
    // the generated finish task, called as in dags/strava_daily.py and rendered for its run
    // scheduled__x: a plain container run of finish-run in the first image's task definition, for
    // the Voyager run of that DAG (<dag_id>__<run_id>), with no asset events
    expect(out.finish_template_fields).toContain('command');
    expect(out.finish_operator).toBe('VoyagerAssetOperator');
    expect(out.finish_trigger_rule).toBe('all_done');
    expect(out.finish_sent).toMatchObject({
      task_definition: 'voyager-extract-dev',
      asset_keys: [],
      overrides: {
        containerOverrides: [
          {
            name: 'extract',
            command: ['node', 'extract/dist/main.js', 'finish-run', '--run-id', 'strava_daily__scheduled__x'],
          },
        ],
      },
    });
    expect(out.finish_events).toEqual({});
    expect(out.missing).toBe(
      'Airflow Variable voyager_missing_thing (or environment variable VOYAGER_MISSING_THING) is not set; it comes from the infrastructure outputs, see the README of the DAG bundle',
    );
    expect(out.macro_checks).toEqual({
      two_pending:
        'PartitionKeyError: the triggering asset events carry 2 partitions (2024-03-30, 2024-03-31) and a run materializes one; trigger this DAG once per partition with conf {"partition": "<key>"}',
      same_key_twice: '2024-03-31',
      hourly_to_daily: '2024-03-31',
      hourly_two_days_to_daily:
        'PartitionKeyError: the triggering asset events carry 2 partitions (2024-03-30, 2024-03-31) and a run materializes one; trigger this DAG once per partition with conf {"partition": "<key>"}',
      daily_to_hourly:
        "PartitionKeyError: an asset event of a gives partition '2024-03-31', but the asset has hourly partitions (YYYY-MM-DDTHH:00)",
      malformed:
        "PartitionKeyError: an asset event of a gives partition 'last tuesday', but the asset has daily partitions (YYYY-MM-DD)",
      conf_of_wrong_kind:
        'PartitionKeyError: dag_run.conf["partition"] gives partition \'2024-03-31\', but the asset has hourly partitions (YYYY-MM-DDTHH:00)',
    });
    expect(out.macro).toEqual({
      from_events: '2024-03-31',
      from_conf: '2023-01-01',
      daily_fallback: '2024-03-31',
      hourly_fallback_paris: '2024-04-01T06:00',
    });
  });

  it('docker: the local image on the compose network, the landing volume and the forwarded environment', async () => {
    const out = await harness('docker');
    expect(out.asset_sent).toMatchObject({
      image: 'voyager-extract:dev',
      network_mode: 'voyager-dev',
      docker_url: 'unix://var/run/docker.sock',
      auto_remove: 'success',
      mounts: [{ source: 'voyager-dev_landing', target: '/var/lib/voyager/landing', type: 'volume' }],
      environment: {
        STRAVA_CLIENT_ID: '123',
        VOYAGER_DATABASE_URL: 'postgres://voyager@warehouse/voyager',
        VOYAGER_LANDING_URL: '/var/lib/voyager/landing',
      },
    });
    expect(Object.keys((out.asset_sent as { environment: object }).environment)).not.toContain('UNRELATED');
    expect(out.dbt_sent).toMatchObject({ image: 'voyager-dbt-core:dev', cpus: 2, mem_limit: '4096m' });
    expect(out.finish_template_fields).toContain('command');
    expect(out.finish_sent).toMatchObject({
      image: 'voyager-extract:dev',
      command: ['node', 'extract/dist/main.js', 'finish-run', '--run-id', 'strava_daily__scheduled__x'],
    });
    expect(out.finish_events).toEqual({});
  });
});
