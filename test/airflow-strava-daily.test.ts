import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStravaSimulator, type StravaSimulator } from '@voyager/extract/simulator';
import {
  compileDags,
  writeDagFiles,
  createTestRuntime,
  requirePythonTool,
  sharedData,
  type TestRuntime,
} from '@voyager/orchestration/testing';
import defs from '../definitions.js';
import { repoRoot, runVoyager } from './run-cli.js';

const run = promisify(execFile);
const airflow = requirePythonTool('airflow', 'airflow');

/**
 * The whole pipeline on real Airflow 3.3.1: `voyager dags build --target process`, then
 * `airflow dags test strava_daily`, every task a subprocess of the worker running its step
 * command from this checkout, against an embedded warehouse and the Strava simulator serving the
 * recorded responses (1,132 activities). The marts equal `npm start`'s, and `voyager status`
 * shows the Airflow run (`strava_daily__<Airflow run id>`) finished. Minutes long: run by
 * `.ci/run` through vitest.engines.config.ts, not by `npm test`.
 */
describe.skipIf(!airflow.path)(`strava_daily on real Airflow ${airflow.skipReason ?? ''}`, () => {
  let dir: string;
  let runtime: TestRuntime;
  let simulator: StravaSimulator;
  let env: Record<string, string>;

  beforeAll(async () => {
    // the steps run the images' built entry points (node */dist/main.js), as the images do
    await run(
      'npm',
      ['run', 'build', '-w', '@voyager/orchestration', '-w', '@voyager/extract', '-w', '@voyager/load'],
      {
        cwd: repoRoot,
      },
    );
    dir = await mkdtemp(join(tmpdir(), 'voyager-af-e2e-'));
    await chmod(dir, 0o755);
    runtime = await createTestRuntime({ projectDir: repoRoot });
    simulator = await startStravaSimulator({ dataDir: sharedData('strava-api-v3') });
    await writeDagFiles(join(dir, 'bundle'), compileDags(defs, { target: 'process' }));
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      AIRFLOW_HOME: join(dir, 'airflow-home'),
      AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
      AIRFLOW__CORE__DAGS_FOLDER: join(dir, 'bundle', 'dags'),
      PYTHONDONTWRITEBYTECODE: '1',
      // what the operators and the steps read (voyager_airflow.process forwards VOYAGER_* and
      // the extract image's STRAVA_*)
      VOYAGER_PROJECT_DIR: repoRoot,
      VOYAGER_HOME: join(dir, 'voyager-home'),
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_LANDING_URL: join(dir, 'landing'),
      VOYAGER_DBT_RUNNER: 'builtin',
      VOYAGER_LOG_LEVEL: 'info',
      STRAVA_API_URL: simulator.apiUrl,
      STRAVA_OAUTH_URL: simulator.oauthUrl,
      STRAVA_CLIENT_ID: simulator.credentials.clientId,
      STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
      STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
    };
    await run(airflow.path!, ['db', 'migrate'], { env });
  }, 600_000);

  afterAll(async () => {
    await simulator?.stop();
    await runtime?.close();
    if (dir && !process.env.VOYAGER_KEEP_TEST_DIR) await rm(dir, { recursive: true, force: true });
  });

  it('`airflow dags test strava_daily` builds the marts of npm start, and voyager status shows the run finished', async () => {
    const logFile = join(dir, 'dags-test.log');
    const out = createWriteStream(logFile);
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(airflow.path!, ['dags', 'test', 'strava_daily'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      child.on('close', resolve);
    });
    out.end();
    const log = await readFile(logFile, 'utf8');
    expect(code, log.slice(-4000)).toBe(0);

    const { rows } = await runtime.warehouse.query<{ n: string }>(
      'select count(*) as n from marts.fct_activities',
    );
    expect(Number(rows[0]!.n)).toBe(1132);

    const status = await runVoyager(['status', '--json', '--runs', '5'], {
      VOYAGER_DATABASE_URL: runtime.databaseUrl,
      VOYAGER_HOME: join(dir, 'voyager-home'),
    });
    expect(status.code, status.stderr).toBe(0);
    const { runs, assets } = JSON.parse(status.stdout) as {
      runs: Array<{ runId: string; status: string; finishedAt: string | null; launchedBy: string }>;
      assets: Array<{ assetKey: string; status: string; runId: string }>;
    };
    const airflowRuns = runs.filter((r) => r.runId.startsWith('strava_daily__manual__'));
    expect(airflowRuns, JSON.stringify(runs)).toHaveLength(1);
    expect(airflowRuns[0]).toMatchObject({ status: 'success', launchedBy: 'airflow-process' });
    expect(airflowRuns[0]!.finishedAt).not.toBeNull();
    // the Airflow run id, as Airflow printed it, is the Voyager run's suffix
    const airflowRunId = airflowRuns[0]!.runId.slice('strava_daily__'.length);
    expect(log).toContain(airflowRunId);
    expect(new Set(assets.map((a) => a.runId))).toEqual(new Set([airflowRuns[0]!.runId]));
    // every asset the strava_daily schedule selects (all groups but the hourly heart_rate, which has its own DAG)
    const daily = defs.schedules.find((s) => s.name === 'strava_daily')!;
    expect(assets.map((a) => a.assetKey).sort()).toEqual(
      defs.graph
        .select(daily.selection)
        .map((a) => a.key)
        .sort(),
    );
    expect(assets.filter((a) => a.status !== 'success')).toEqual([]);
  }, 1_200_000);
});
