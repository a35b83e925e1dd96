import { readFileSync } from 'node:fs';
import type { DagTarget, ResolvedCompileOptions } from './compile-options.js';
import type { GeneratedFile } from './generated-file.js';
import { GENERATED_MARKER, pythonHeader } from './render-dag.js';

/**
 * The operator package in the repository: real Python files (`orchestration/airflow/voyager_airflow/`,
 * ruff-clean, tested against real Airflow), two levels up from this file in `src/airflow/` and
 * in `dist/airflow/` alike.
 */
export const OPERATOR_PACKAGE_SOURCE = new URL('../../airflow/voyager_airflow/', import.meta.url);

/**
 * Folder of the operator package inside the bundle: under the DAG folder, which Airflow puts on
 * `sys.path`, so DAG files import `voyager_airflow.<target>`. MWAA's guidance: custom operators
 * live under `dags/` (a change needs no environment update); plugins are for UI extensions.
 */
export const OPERATOR_PACKAGE_DIR = 'dags/voyager_airflow';

/** Modules every bundle gets, besides the operator module of its target (`ecs.py`, `docker.py`, `process.py`). */
const SHARED_MODULES = ['__init__.py', 'compat.py', 'partitions.py', 'settings.py', 'step.py'] as const;

/** The modules of the package a bundle of `target` ships. */
export function operatorModules(target: DagTarget): string[] {
  return [...SHARED_MODULES, `${target}.py`];
}

/**
 * The operator package of a bundle: the shared modules and the target's operator module, copied
 * from {@link OPERATOR_PACKAGE_SOURCE} with the generated-file header on top, and
 * `dags/.airflowignore`, which keeps the scheduler from parsing the package as DAG files (the
 * pattern works in both syntaxes: Airflow 3's default `glob` and Airflow 2's `regexp`).
 *
 * @throws Error (ENOENT) when a module is missing from the source folder.
 */
export function operatorPackageFiles(options: ResolvedCompileOptions): GeneratedFile[] {
  const modules = operatorModules(options.target).map((name) => ({
    path: `${OPERATOR_PACKAGE_DIR}/${name}`,
    content: `${pythonHeader(`Copied from orchestration/airflow/voyager_airflow/${name}.`, options)}\n${readFileSync(
      new URL(name, OPERATOR_PACKAGE_SOURCE),
      'utf8',
    )}`,
  }));
  const ignore = [
    `${GENERATED_MARKER}: the operator package is no DAG file, do not parse it.`,
    'voyager_airflow/',
    '',
  ].join('\n');
  return [...modules, { path: 'dags/.airflowignore', content: ignore }];
}
