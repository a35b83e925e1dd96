import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requirePythonTool } from '@voyager/orchestration/testing';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/**
 * The Airflow environments the tests load bundles with (`.tools/<env>`, pins in
 * `dev/python-tools/<env>.txt`): 3.3.1, the newest MWAA release; 3.0.6; 2.11.0.
 */
export const AIRFLOW_ENVS = { '3.3': 'airflow', '3.0': 'airflow-3.0', '2.11': 'airflow-2' } as const;
export type AirflowLine = keyof typeof AIRFLOW_ENVS;

/** The python of an Airflow environment, or a skip reason (CI fails instead: see requirePythonTool). */
export function airflowPython(line: AirflowLine): {
  path: string | undefined;
  skipReason: string | undefined;
} {
  return requirePythonTool(AIRFLOW_ENVS[line], 'python');
}

/** One task as real Airflow holds it after parsing (`dagbag_report.py`). */
export interface DagBagTask {
  readonly task_id: string;
  readonly operator: string;
  readonly module: string;
  readonly asset_keys: string[];
  readonly image: string | null;
  readonly command: string[];
  readonly partitions: { kind: string; timezone: string; source: string } | null;
  readonly env_prefixes: string[];
  readonly env_names: string[];
  readonly cpu: number | null;
  readonly memory_mib: number | null;
  readonly retries: number;
  readonly retry_delay_seconds: number | null;
  readonly retry_exponential_backoff: boolean;
  readonly trigger_rule: string;
  readonly outlets: string[];
  readonly outlet_classes: string[];
  readonly upstream: string[];
  readonly downstream: string[];
  readonly doc_md: string | null;
  readonly template_fields: string[];
}

/** One DAG as real Airflow holds it. */
export interface DagBagDag {
  readonly dag_id: string;
  /** Relative to the bundle's `dags/` folder. */
  readonly file: string;
  readonly description: string | null;
  readonly schedule: {
    readonly timetable: string;
    readonly cron: string | null;
    readonly timezone: string | null;
    readonly assets: string[];
  };
  readonly catchup: boolean;
  readonly max_active_runs: number;
  readonly tags: string[];
  readonly start_date: string | null;
  /** In declaration order, `voyager__finish_run` included. */
  readonly tasks: DagBagTask[];
}

/** What real Airflow's DagBag made of one bundle. */
export interface DagBagReport {
  readonly airflow_version: string;
  /** File (relative to `dags/`) -> traceback. */
  readonly import_errors: Record<string, string>;
  /** The files the DagBag parsed: never the operator package (`dags/.airflowignore`). */
  readonly parsed_files: string[];
  readonly dags: DagBagDag[];
}

/**
 * Loads `<bundleDir>/dags` into the DagBag of the given Airflow (its python runs
 * `dagbag_report.py`), with `AIRFLOW_HOME` in a fresh temporary folder, no example DAGs and the
 * bundle's `dags/` as the configured DAG folder.
 */
export async function loadDagBag(python: string, bundleDir: string): Promise<DagBagReport> {
  const home = await mkdtemp(join(tmpdir(), 'voyager-airflow-home-'));
  try {
    const { stdout } = await run(python, [join(here, 'dagbag_report.py'), bundleDir], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AIRFLOW_HOME: home,
        AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
        AIRFLOW__CORE__DAGS_FOLDER: join(bundleDir, 'dags'),
        PYTHONDONTWRITEBYTECODE: '1',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = stdout.split('\n').findLast((l) => l.startsWith('VOYAGER_REPORT '));
    if (line === undefined) throw new Error(`dagbag_report.py printed no report:\n${stdout}`);
    return JSON.parse(line.slice('VOYAGER_REPORT '.length)) as DagBagReport;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
