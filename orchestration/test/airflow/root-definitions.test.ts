import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDags, writeDagFiles, type CompileDagsOptions } from '@voyager/orchestration';
import defs from '../../../definitions.js';
import { expectBundleMatchesGraph } from './bundle-expectations.js';
import { inspectBundle, pyCompile, pythonFiles } from './bundle-inspection.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const variants = [
  { airflow: 3, target: 'ecs', dbtTasks: 'model' },
  { airflow: 3, target: 'ecs', dbtTasks: 'group' },
  { airflow: 3, target: 'docker', dbtTasks: 'model' },
  { airflow: 2, target: 'ecs', dbtTasks: 'model' },
] as const satisfies readonly CompileDagsOptions[];

describe('the root code location (definitions.ts) compiled to Airflow', () => {
  for (const v of variants) {
    it(`airflow ${v.airflow}, ${v.target}, dbt per ${v.dbtTasks}: py_compile passes and the DAGs match the graph`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'voyager-root-dags-'));
      dirs.push(dir);
      await writeDagFiles(dir, compileDags(defs, v));
      await pyCompile(await pythonFiles(dir), join(dir, '.pycache'));
      const bundle = await inspectBundle(dir);
      expect(bundle.dags.map((d) => d.dag_id)).toEqual(
        expect.arrayContaining(defs.schedules.map((s) => s.name)),
      );
      expectBundleMatchesGraph(defs, bundle, v);
    });
  }

  it('snapshot: the DAGs MWAA gets (Airflow 3, ECS, one task per asset)', async () => {
    for (const f of compileDags(defs)) {
      if (f.path.startsWith('dags/') || f.path === 'README.md') {
        await expect(f.content).toMatchFileSnapshot(`./__snapshots__/root-definitions/${f.path}`);
      }
    }
  });
});
