import type { ResolvedCompileOptions } from './compile-options.js';
import type { GeneratedFile } from './generated-file.js';
import { DOCKER_PY } from './plugin/docker-py.js';
import { ECS_PY } from './plugin/ecs-py.js';
import { PARTITIONS_PY } from './plugin/partitions-py.js';
import { SETTINGS_PY } from './plugin/settings-py.js';
import { pythonHeader } from './render-dag.js';

/** Folder of the operator package inside the bundle (on `sys.path` through Airflow's plugins folder). */
export const PLUGIN_PACKAGE_DIR = 'plugins/voyager_airflow';

const INIT_PY = `"""Voyager operators for Airflow: each asset step runs its own container image.

voyager_airflow.ecs runs steps as ECS Fargate tasks (MWAA); voyager_airflow.docker runs them as
local Docker containers (dev/docker-compose.yml). Both take the same arguments.
"""
`;

/**
 * The operator package: `__init__.py`, `settings.py`, `partitions.py` and the operator module of
 * the target (`ecs.py` or `docker.py`), each with the generated-file header.
 */
export function pluginFiles(options: ResolvedCompileOptions): GeneratedFile[] {
  const modules: Array<readonly [string, string]> = [
    ['__init__.py', INIT_PY],
    ['settings.py', SETTINGS_PY],
    ['partitions.py', PARTITIONS_PY],
    options.target === 'ecs' ? ['ecs.py', ECS_PY] : ['docker.py', DOCKER_PY],
  ];
  return modules.map(([name, source]) => ({
    path: `${PLUGIN_PACKAGE_DIR}/${name}`,
    content: `${pythonHeader(`Operator package module ${name}.`, options)}\n${source}`,
  }));
}
