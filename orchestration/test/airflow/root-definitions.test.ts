import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDags } from '../../src/airflow/compile-dags.js';
import { writeDagFiles } from '../../src/airflow/write-dag-files.js';
import { type CompileDagsOptions } from '../../src/airflow/compile-options.js';
import defs from '../../../definitions.js';
import { expectBundleMatchesGraph } from './bundle-expectations.js';
import { airflowPython, loadDagBag, type AirflowLine } from './real-airflow.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Every bundle MWAA or dev/ gets, with the Airflow release that judges it. */
const variants: ReadonlyArray<{
  line: AirflowLine;
  version: RegExp;
  options: Required<Omit<CompileDagsOptions, 'airflowVersion' | 'pythonVersion'>>;
}> = [
  { line: '3.3', version: /^3\.3\.1$/, options: { airflow: 3, target: 'ecs', dbtTasks: 'model' } },
  { line: '3.3', version: /^3\.3\.1$/, options: { airflow: 3, target: 'ecs', dbtTasks: 'group' } },
  { line: '3.3', version: /^3\.3\.1$/, options: { airflow: 3, target: 'docker', dbtTasks: 'model' } },
  { line: '3.3', version: /^3\.3\.1$/, options: { airflow: 3, target: 'process', dbtTasks: 'model' } },
  { line: '3.0', version: /^3\.0\.6$/, options: { airflow: 3, target: 'ecs', dbtTasks: 'model' } },
  { line: '2.11', version: /^2\.11\.0$/, options: { airflow: 2, target: 'ecs', dbtTasks: 'model' } },
];

describe('the root code location (definitions.ts) loaded by real Airflow', () => {
  for (const { line, version, options } of variants) {
    const python = airflowPython(line);
    const name = `Airflow ${line}, --airflow ${options.airflow} --target ${options.target} --dbt-tasks ${options.dbtTasks}`;
    it.skipIf(!python.path)(
      `${name}: DagBag has 0 import errors and the DAGs equal the asset graph ${python.skipReason ?? ''}`,
      async () => {
        const dir = await mkdtemp(join(tmpdir(), 'voyager-root-dags-'));
        dirs.push(dir);
        await writeDagFiles(dir, compileDags(defs, options));
        const bag = await loadDagBag(python.path!, dir);
        expect(bag.airflow_version).toMatch(version);
        expect(bag.dags.map((d) => d.dag_id)).toEqual(
          expect.arrayContaining(defs.schedules.map((s) => s.name)),
        );
        expectBundleMatchesGraph(defs, bag, options);
      },
      120_000,
    );
  }

  it('snapshot: the DAGs MWAA gets (Airflow 3, ECS, one task per asset)', async () => {
    for (const f of compileDags(defs)) {
      if (f.path.endsWith('.py') && !f.path.startsWith('dags/voyager_airflow/')) {
        await expect(f.content).toMatchFileSnapshot(`./__snapshots__/root-definitions/${f.path}`);
      } else if (f.path === 'README.md')
        await expect(f.content).toMatchFileSnapshot(`./__snapshots__/root-definitions/${f.path}`);
    }
  });
});
