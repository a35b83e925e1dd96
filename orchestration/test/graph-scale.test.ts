import { describe, expect, it } from 'vitest';
import { compileDags } from '../src/airflow/compile-dags.js';
import { generatedDefinitions } from '@voyager/orchestration/testing';

// issue 13 point 5: validating and compiling a 20 k-asset graph was quadratic (20 s); the timing
// is in `npm run bench` (graph), this test proves the result at that size.
describe('a generated 20 k-asset graph', () => {
  const defs = generatedDefinitions({ assets: 20_000 });

  it('validates to a topological order with ties broken by key', () => {
    const order = defs.graph.assets.map((a) => a.key);
    expect(order).toHaveLength(20_000);
    const position = new Map(order.map((k, i) => [k, i]));
    for (const a of defs.graph.assets) {
      for (const d of a.deps) expect(position.get(d.key)!).toBeLessThan(position.get(a.key)!);
    }
    // g0/a0 is the only root; a1 depends only on it, so it is second
    expect(order.slice(0, 2)).toEqual(['g0/a0', 'g0/a1']);
  });

  it('compiles to one DAG whose tasks run after their upstream tasks', () => {
    const files = compileDags(defs, { airflow: 3, target: 'ecs' });
    const dag = files.find((f) => f.path === 'dags/generated_daily.py')!.content;
    const tasks = [...dag.matchAll(/^ {4}(g\d+__a\d+) = /gm)].map((m) => m[1]!);
    expect(tasks).toHaveLength(20_000);
    const position = new Map(tasks.map((t, i) => [t, i]));
    const upstream = new Map<string, string[]>();
    for (const [, ups, down] of dag.matchAll(/^ {4}(\[[^\]]*\]|\w+) >> (\w+)$/gm)) {
      upstream.set(down!, ups!.replace(/[[\]]/g, '').split(', '));
    }
    const taskId = (key: string): string => key.replace('/', '__');
    for (const a of defs.graph.assets) {
      const ups = upstream.get(taskId(a.key)) ?? [];
      expect(ups.sort()).toEqual(a.deps.map((d) => taskId(d.key)).sort());
      for (const u of ups) expect(position.get(u)!).toBeLessThan(position.get(taskId(a.key))!);
    }
  });
});
