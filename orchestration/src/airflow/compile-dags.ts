import type { Definitions } from '../assets/definitions.js';
import { resolveCompileOptions, type CompileDagsOptions } from './compile-options.js';
import { planDags } from './dag-plan.js';
import { deployReadme } from './deploy-readme.js';
import type { GeneratedFile } from './generated-file.js';
import { operatorPackageFiles } from './operator-package.js';
import { renderDag } from './render-dag.js';
import { requirementsTxt } from './requirements.js';

/**
 * Compiles a code location to an Airflow DAG bundle, in memory: `dags/<dag_id>.py` per DAG, the
 * operator package under `dags/voyager_airflow/` (copied from `orchestration/airflow/`) with
 * `dags/.airflowignore`, `requirements.txt` and `README.md`.
 * Pure and deterministic: the same definitions and options give byte-identical files, sorted by path.
 *
 * ### Examples
 * ```ts
 * const files = compileDags(defs, { airflow: 3, target: 'ecs' });
 * files.map((f) => f.path); // ['README.md', 'dags/.airflowignore', 'dags/strava_daily.py', 'dags/voyager_airflow/__init__.py', ...]
 * ```
 *
 * @throws AirflowCompileError for an unknown option, an id clash or a cycle between dbt folder tasks.
 * @throws Error when the operator package's Python files cannot be read (a broken checkout).
 */
export function compileDags(defs: Definitions, options: CompileDagsOptions = {}): GeneratedFile[] {
  const resolved = resolveCompileOptions(options);
  const dags = planDags(defs, resolved);
  const files: GeneratedFile[] = [
    ...dags.map((d) => ({ path: `dags/${d.dagId}.py`, content: renderDag(d, resolved) })),
    ...operatorPackageFiles(resolved),
    { path: 'requirements.txt', content: requirementsTxt(resolved) },
    { path: 'README.md', content: deployReadme(dags, resolved) },
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
