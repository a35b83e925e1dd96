/** Which Airflow the DAGs are written for: 3 (default; `Asset`, what MWAA runs) or 2.10 (`Dataset`). */
export type AirflowMajor = 2 | 3;

/**
 * Where a task's step runs: an ECS Fargate task (MWAA), a local Docker container (`dev/`), or a
 * subprocess on the Airflow worker (`process`: a laptop without Docker, and CI).
 */
export type DagTarget = 'ecs' | 'docker' | 'process';

/** Every {@link DagTarget}, in the order `--help` lists them. */
export const DAG_TARGETS: readonly DagTarget[] = Object.freeze(['ecs', 'docker', 'process']);

/** dbt assets as one task per model (default) or one `dbt build` task per dbt folder (`group`). */
export type DbtTaskMode = 'model' | 'group';

/** Options of {@link compileDags}. Every field has a default. */
export interface CompileDagsOptions {
  /** Default 3. */
  readonly airflow?: AirflowMajor;
  /** Default `ecs`. */
  readonly target?: DagTarget;
  /** Default `model`. */
  readonly dbtTasks?: DbtTaskMode;
  /**
   * Exact Airflow release for the `--constraint` line of `requirements.txt`; default `3.3.1`
   * (Airflow 3, the newest release MWAA offers; it also runs 3.2.1 and 3.0.6) or `2.10.3` (Airflow 2).
   */
  readonly airflowVersion?: string;
  /** Python of the MWAA image, for the constraints file name; default `3.12` (Airflow 3) or `3.11` (Airflow 2). */
  readonly pythonVersion?: string;
}

/** {@link CompileDagsOptions} with every default applied. */
export interface ResolvedCompileOptions {
  readonly airflow: AirflowMajor;
  readonly target: DagTarget;
  readonly dbtTasks: DbtTaskMode;
  readonly airflowVersion: string;
  readonly pythonVersion: string;
}

/** Thrown when the definitions cannot be compiled to Airflow (id clash, dbt group cycle, bad option). */
export class AirflowCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AirflowCompileError';
  }
}

/**
 * Applies the defaults of {@link CompileDagsOptions}.
 * @throws AirflowCompileError for an unknown Airflow major, target or dbt task mode (e.g. from a CLI flag).
 */
export function resolveCompileOptions(options: CompileDagsOptions = {}): ResolvedCompileOptions {
  const airflow = options.airflow ?? 3;
  const target = options.target ?? 'ecs';
  const dbtTasks = options.dbtTasks ?? 'model';
  if (airflow !== 2 && airflow !== 3)
    throw new AirflowCompileError(`--airflow must be 3 or 2, not ${String(airflow)}`);
  if (!DAG_TARGETS.includes(target)) {
    throw new AirflowCompileError(`--target must be ${DAG_TARGETS.join(', ')}, not ${String(target)}`);
  }
  if (dbtTasks !== 'model' && dbtTasks !== 'group') {
    throw new AirflowCompileError(`--dbt-tasks must be model or group, not ${String(dbtTasks)}`);
  }
  return Object.freeze({
    airflow,
    target,
    dbtTasks,
    airflowVersion: options.airflowVersion ?? (airflow === 3 ? '3.3.1' : '2.10.3'),
    pythonVersion: options.pythonVersion ?? (airflow === 3 ? '3.12' : '3.11'),
  });
}
