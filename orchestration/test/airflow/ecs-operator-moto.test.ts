import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDags } from '../../src/airflow/compile-dags.js';
import { writeDagFiles } from '../../src/airflow/write-dag-files.js';
import { requireMotoServer, startMotoServer, type MotoServer } from '@voyager/orchestration/testing';
import defs from '../../../definitions.js';
import { airflowPython } from './real-airflow.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const python = airflowPython('3.3');
const moto = requireMotoServer();

interface TaskSeen {
  lastStatus: string;
  stoppedReason: string | null;
  startedBy: string;
  launchType: string;
  overrides: { containerOverrides: Array<{ name: string; command: string[] }> };
  subnet: string;
}
interface EcsReport {
  subnets: string[];
  run: {
    task: TaskSeen;
    started_by_expected: string;
    container_name: string;
    log_stream: string;
    last_logs: string[];
    discovery_sleeps: number[];
  };
  reattach: { arn_is_first: boolean; new_tasks: string[] };
  on_kill: { task: TaskSeen; execute_finished: boolean };
  checked_after_stop: Array<{ lastStatus: string; stoppedReason: string }>;
  run_settings: {
    containerOverrides: Array<{ name: string; environment?: Array<{ name: string; value: string }> }>;
  };
}

/**
 * voyager_airflow.ecs on the real Amazon provider (Airflow 3.3.1) against moto's server: ECS
 * RunTask / DescribeTasks (the waiter) / ListTasks (reattach) / StopTask, EC2 for the awsvpc
 * network and CloudWatch Logs for the task's log stream (`ecs_on_moto.py`).
 */
describe.skipIf(!python.path || !moto.path)(
  `the ECS operator against moto ${python.skipReason ?? moto.skipReason ?? ''}`,
  () => {
    let server: MotoServer;
    let dir: string;
    let report: EcsReport;

    beforeAll(async () => {
      server = await startMotoServer({ executable: moto.path });
      dir = await mkdtemp(join(tmpdir(), 'voyager-ecs-moto-'));
      await writeDagFiles(dir, compileDags(defs, { target: 'ecs' }));
      const { stdout } = await run(python.path!, [join(here, 'ecs_on_moto.py')], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...server.env,
          AWS_DEFAULT_REGION: server.region,
          AIRFLOW_HOME: join(dir, 'airflow-home'),
          AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
          // the operator package as the bundle ships it, importable as Airflow makes it
          PYTHONPATH: join(dir, 'dags'),
          PYTHONDONTWRITEBYTECODE: '1',
        },
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = stdout.split('\n').findLast((l) => l.startsWith('VOYAGER_REPORT '))!;
      report = JSON.parse(line.slice('VOYAGER_REPORT '.length)) as EcsReport;
    }, 300_000);

    afterAll(async () => {
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('RunTask: FARGATE, the step command as the container override, the awsvpc network from the settings, startedBy for reattach', () => {
      expect(report.run.task).toMatchObject({
        launchType: 'FARGATE',
        startedBy: report.run.started_by_expected,
        subnet: report.subnets[0],
        overrides: {
          containerOverrides: [
            {
              name: 'extract',
              command: [
                'node',
                'extract/dist/main.js',
                'materialize',
                'landing/strava/activities',
                '--run-id',
                'strava_daily__manual__x',
                '--attempt',
                '1',
              ],
            },
          ],
        },
      });
    });

    it("sends a dbt task's run settings that are set (VOYAGER_TRAINING_AS_OF) as the container's environment override", () => {
      expect(report.run_settings.containerOverrides).toEqual([
        expect.objectContaining({
          name: 'extract',
          environment: [{ name: 'VOYAGER_TRAINING_AS_OF', value: '2025-04-15' }],
        }),
      ]);
      // the step of the extract task: no run settings, no environment override
      expect(report.run.task.overrides.containerOverrides[0]).not.toHaveProperty('environment');
    });

    it('passes container_name: no 10-40 s DescribeTasks discovery sleep after RunTask', () => {
      expect(report.run.container_name).toBe('extract');
      expect(report.run.discovery_sleeps).toEqual([]);
    });

    it('reads the task log from the CloudWatch stream <prefix>/<container>/<task id>', () => {
      expect(report.run.log_stream).toMatch(/^extract\/extract\/[0-9a-f-]{36}$/);
      expect(report.run.last_logs).toEqual(['step started', 'landed 1132 activities']);
    });

    it('reattaches a retried task instance to the ECS task the first try started (no second RunTask)', () => {
      expect(report.reattach).toEqual({ arn_is_first: true, new_tasks: [] });
    });

    it('on_kill sends StopTask and the waiter sees the task stopped', () => {
      expect(report.on_kill.task).toMatchObject({
        lastStatus: 'STOPPED',
        stoppedReason: 'Task killed by the user',
      });
      expect(report.on_kill.execute_finished).toBe(true);
    });

    it('stubbed: the container exit-code check after the task stopped (moto leaves containers PENDING)', () => {
      // the provider's _check_success_task is replaced by a recorder in ecs_on_moto.py: moto never
      // reports a stopped container or its exit code, so a failed step cannot be emulated here
      expect(report.checked_after_stop.map((c) => c.lastStatus)).toEqual(['STOPPED', 'STOPPED', 'STOPPED']);
    });
  },
);
