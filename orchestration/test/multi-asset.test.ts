import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  asset,
  check,
  definitions,
  image,
  multiAsset,
  type MultiMaterializeResult,
} from '@voyager/orchestration';
import { executeRun } from '../src/executor/executor.js';
import { planDags } from '../src/airflow/dag-plan.js';
import { resolveCompileOptions } from '../src/airflow/compile-options.js';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';

const log = pino({ level: 'silent' });
const img = image({
  name: 'local',
  description: 'test',
  dockerfile: 'none',
  command: ['node', 'none.js'],
  resources: { cpu: 256, memoryMiB: 512 },
});

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

/** A multi-asset with a required `landing/m/a` and an optional `landing/m/b`, counting its computes. */
function sample(produceB: () => boolean, passA = true) {
  let computes = 0;
  const step = multiAsset({
    name: 'm_step',
    description: 'a and maybe b',
    image: 'local',
    outputs: [
      {
        key: 'landing/m/a',
        description: 'One row per a',
        checks: [
          check({
            name: 'a_rows',
            description: 'a has rows',
            blocking: true,
            evaluate: async (ctx) => ({ passed: passA && ctx.materialization.rows === 1 }),
          }),
        ],
      },
      { key: 'landing/m/b', description: 'One row per b', required: false },
    ],
    async materialize(ctx): Promise<MultiMaterializeResult> {
      computes++;
      await ctx.state.set({ computes });
      return {
        outputs: {
          'landing/m/a': { metadata: { rows: 1 } },
          ...(produceB() ? { 'landing/m/b': { metadata: { rows: 2 } } } : {}),
        },
      };
    },
  });
  const ran: string[] = [];
  const downstream = (key: string, dep: string) =>
    asset({
      key,
      description: key,
      image: 'local',
      deps: [dep],
      async materialize() {
        ran.push(key);
      },
    });
  const defs = definitions({
    assets: [step, downstream('raw/m_a', 'landing/m/a'), downstream('raw/m_b', 'landing/m/b')],
    images: [img],
  });
  return { step, defs, ran, computes: () => computes };
}

describe('multiAsset', () => {
  it('materializes every output in one compute, each with its own event, metadata and checks', async () => {
    const { defs, ran, computes } = sample(() => true);
    const result = await executeRun({ definitions: defs, runtime, log });
    expect(result.status).toBe('success');
    expect(computes()).toBe(1);
    expect(result.outcomes.map((o) => [o.assetKey, o.status, o.metadata.rows ?? null])).toEqual([
      ['landing/m/a', 'success', 1],
      ['landing/m/b', 'success', 2],
      ['raw/m_a', 'success', null],
      ['raw/m_b', 'success', null],
    ]);
    expect(result.outcomes[0]!.checks.map((c) => c.name)).toEqual(['a_rows']);
    expect(result.outcomes[1]!.checks).toEqual([]);
    const events = await runtime.runStorage.eventsOfRun(result.runId);
    const of = (key: string) => events.filter((e) => e.assetKey === key).map((e) => e.eventType);
    expect(of('landing/m/a')).toEqual(['materialization', 'check']);
    expect(of('landing/m/b')).toEqual(['materialization']);
    expect(ran.sort()).toEqual(['raw/m_a', 'raw/m_b']);
    // the step's state is kept under its name
    expect(await runtime.runStorage.getState('m_step')).toEqual({ computes: 1 });
  });

  it('records a skipped optional output, and the run (and what is downstream of it) goes on', async () => {
    const { defs, ran } = sample(() => false);
    const result = await executeRun({ definitions: defs, runtime, log });
    expect(result.status).toBe('success');
    const b = result.outcomes.find((o) => o.assetKey === 'landing/m/b')!;
    expect(b).toMatchObject({ status: 'skipped', error: 'not produced by m_step this time' });
    const events = await runtime.runStorage.eventsOfRun(result.runId);
    expect(events.filter((e) => e.assetKey === 'landing/m/b').map((e) => e.eventType)).toEqual(['skipped']);
    expect(ran.sort()).toEqual(['raw/m_a', 'raw/m_b']);
  });

  it('fails every output when a required output is missing or a blocking check fails', async () => {
    const missing = multiAsset({
      name: 'm_missing',
      description: 'forgets a',
      image: 'local',
      outputs: [
        { key: 'landing/n/a', description: 'a' },
        { key: 'landing/n/b', description: 'b' },
      ],
      materialize: async () => ({ outputs: { 'landing/n/b': {} } }),
    });
    const outcome = await runAssetOnce(runtime, missing.output('landing/n/b'));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBe('multi-asset m_missing did not produce its required output landing/n/a');
    expect(outcome.outputs.map((o) => o.status)).toEqual(['failed', 'failed']);

    const { defs } = sample(() => true, false);
    const result = await executeRun({ definitions: defs, runtime, log });
    expect(result.status).toBe('failed');
    expect(result.outcomes.map((o) => [o.assetKey, o.status])).toEqual([
      ['landing/m/a', 'failed'],
      ['landing/m/b', 'success'],
      ['raw/m_a', 'skipped'],
      ['raw/m_b', 'success'],
    ]);
  });

  it('runs as a whole when one output is selected, and compiles to one Airflow task', async () => {
    const { defs, computes } = sample(() => true);
    expect(defs.graph.select('landing/m/b').map((a) => a.key)).toEqual(['landing/m/a', 'landing/m/b']);
    const result = await executeRun({ definitions: defs, runtime, log, selection: 'landing/m/a' });
    expect(result.outcomes.map((o) => o.assetKey)).toEqual(['landing/m/a', 'landing/m/b']);
    expect(computes()).toBe(1);

    const [dag] = planDags(defs, resolveCompileOptions({ target: 'process' }));
    const task = dag!.tasks.find((t) => t.taskId === 'm_step')!;
    expect(task.assetKeys).toEqual(['landing/m/a', 'landing/m/b']);
    expect(task.command).toContain('landing/m/a,landing/m/b');
    expect(dag!.tasks.find((t) => t.taskId === 'raw__m_b')!.upstream).toEqual(['m_step']);
  });
});

describe('deps given as keys', () => {
  it('resolve to the graph definitions when the graph is built', () => {
    const up = asset({ key: 'landing/k/a', description: 'a', image: 'local', materialize: async () => {} });
    const down = asset({
      key: 'raw/k_a',
      description: 'b',
      image: 'local',
      deps: ['landing/k/a'],
      materialize: async () => {},
    });
    const defs = definitions({ assets: [down, up], images: [img] });
    expect(defs.graph.get('raw/k_a').deps[0]).toBe(up);
    expect(defs.graph.assets.map((a) => a.key)).toEqual(['landing/k/a', 'raw/k_a']);
    expect(defs.graph.children('landing/k/a')).toEqual(['raw/k_a']);
  });

  it('throw one clear line for an unknown key', () => {
    const up = asset({ key: 'landing/k/a', description: 'a', image: 'local', materialize: async () => {} });
    const down = asset({
      key: 'raw/k_a',
      description: 'b',
      image: 'local',
      deps: ['landing/k/b'],
      materialize: async () => {},
    });
    expect(() => definitions({ assets: [up, down], images: [img] })).toThrow(
      'asset raw/k_a depends on landing/k/b, which is not in the definitions (did you mean landing/k/a?)',
    );
  });

  it('reject a multi-asset passed without all of its outputs', () => {
    const { step } = sample(() => true);
    expect(() => definitions({ assets: [step.output('landing/m/a')], images: [img] })).toThrow(
      'multi-asset m_step runs as one step: its outputs landing/m/b are missing from the definitions',
    );
  });
});
