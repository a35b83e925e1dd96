import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asset, check, daily, type AssetDefinition } from '@voyager/orchestration';
import { writeDemoMarts } from './demo-marts.js';

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('canceled'));
    });
  });

const home = () => process.env.VOYAGER_HOME ?? '.voyager';

/** Milliseconds each fixture asset takes: the number in `$VOYAGER_HOME/step-ms`, else 300 (long enough to watch a run). */
const stepMs = () => {
  const file = join(home(), 'step-ms');
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : 300;
};

const readings = asset({
  key: 'landing/demo/readings',
  description: 'One NDJSON file of sensor readings per day',
  image: 'demo',
  partitions: daily({ start: '2026-11-01' }),
  async materialize(ctx) {
    await pause(stepMs(), ctx.signal);
    ctx.log.info({ partition: ctx.partition?.key }, 'wrote readings');
    return { metadata: { rows: 24, objects: 1 } };
  },
});

const activities = asset({
  key: 'raw/demo_activities',
  group: 'demo',
  description: 'One row per demo activity',
  image: 'demo',
  checks: [
    check({
      name: 'has_rows',
      description: 'At least one activity was loaded',
      blocking: true,
      async evaluate() {
        return { passed: true, metadata: { rows: 120 } };
      },
    }),
  ],
  async materialize(ctx) {
    await pause(stepMs(), ctx.signal);
    // a file named `fail-raw` in VOYAGER_HOME makes this step fail (re-execution tests)
    if (existsSync(join(home(), 'fail-raw'))) throw new Error('demo failure');
    ctx.log.info('loaded demo activities');
    return { metadata: { rows: 120, rejected_rows: 0, requests: 3 } };
  },
});

const staged = asset({
  key: 'staging/stg_demo__activities',
  group: 'staging',
  description: 'One row per demo activity, renamed and cast',
  image: 'demo',
  deps: [activities],
  tags: { kind: 'dbt', dbt_model: 'stg_demo__activities', materialized: 'view' },
  async materialize(ctx) {
    await pause(stepMs(), ctx.signal);
    return { metadata: { rows: 120 } };
  },
});

const marts = asset({
  key: 'marts/fct_activities',
  group: 'marts',
  description: 'One row per activity, with the other demo marts beside it',
  image: 'demo',
  deps: [staged, readings],
  async materialize(ctx) {
    await pause(stepMs(), ctx.signal);
    const rows = await writeDemoMarts(ctx.warehouse);
    return { metadata: { rows } };
  },
});

/** The fixture's assets, upstream first. */
export const demoAssets: AssetDefinition[] = [readings, activities, staged, marts];
