import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asset, check } from '@voyager/orchestration';
import { createTestRuntime, runAssetOnce, type TestRuntime } from '@voyager/orchestration/testing';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

describe('materializeStep', () => {
  it('records the materialization, its metadata, check results and state in run storage', async () => {
    const counted = asset({
      key: 'raw/things',
      description: 'One row per thing',
      image: 'load',
      checks: [
        check({
          name: 'has_rows',
          description: 'rows > 0',
          blocking: true,
          evaluate: async (c) => ({ passed: Number(c.materialization.rows) > 0 }),
        }),
        check({
          name: 'over_ten',
          description: 'rows > 10',
          evaluate: async (c) => ({ passed: Number(c.materialization.rows) > 10 }),
        }),
      ],
      async materialize(ctx) {
        const previous = (await ctx.state.get<number>()) ?? 0;
        await ctx.state.set(previous + 3);
        await ctx.landing.put('things/a.txt', 'hello');
        return { metadata: { rows: previous + 3 } };
      },
    });
    const first = await runAssetOnce(runtime, counted);
    expect(first.status).toBe('success');
    expect(first.checks.map((c) => [c.name, c.status])).toEqual([
      ['has_rows', 'success'],
      ['over_ten', 'warn'],
    ]);
    const second = await runAssetOnce(runtime, counted);
    expect(second.metadata).toEqual({ rows: 6 });
    expect(await runtime.runStorage.getState('raw/things')).toBe(6);
    expect((await runtime.landing.get('things/a.txt')).toString()).toBe('hello');
    const latest = await runtime.runStorage.latestMaterializations();
    expect(latest.find((e) => e.assetKey === 'raw/things')?.metadata).toEqual({ rows: 6 });
  });

  it('marks the step failed when a blocking check fails, and records a failure for a throwing asset', async () => {
    const empty = asset({
      key: 'raw/empty',
      description: 'Nothing',
      image: 'load',
      checks: [
        check({
          name: 'has_rows',
          description: 'rows > 0',
          blocking: true,
          evaluate: async () => ({ passed: false }),
        }),
      ],
      materialize: async () => ({ metadata: { rows: 0 } }),
    });
    const outcome = await runAssetOnce(runtime, empty);
    expect(outcome.status).toBe('failed');
    expect(outcome.blockedByCheck).toBe(true);
    expect(outcome.error).toContain('has_rows');

    const broken = asset({
      key: 'raw/broken',
      description: 'x',
      image: 'load',
      materialize: async () => {
        throw new Error('source said no');
      },
    });
    const failed = await runAssetOnce(runtime, broken);
    expect(failed).toMatchObject({ status: 'failed', error: 'source said no', blockedByCheck: false });
    const events = await runtime.runStorage.latestAssetEvents();
    expect(events.find((e) => e.assetKey === 'raw/broken')).toMatchObject({
      eventType: 'failure',
      status: 'failed',
    });
  });
});

describe('the signal an asset gets', () => {
  it('takes many abort listeners (concurrent requests) without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const busy = asset({
      key: 'landing/busy',
      description: 'Listens for abort 20 times, as 20 requests in flight do',
      image: 'extract',
      async materialize(ctx) {
        const listeners = Array.from({ length: 20 }, () => () => {});
        for (const l of listeners) ctx.signal.addEventListener('abort', l);
        for (const l of listeners) ctx.signal.removeEventListener('abort', l);
        return { metadata: {} };
      },
    });
    try {
      const outcome = await runAssetOnce(runtime, busy, { signal: new AbortController().signal });
      expect(outcome.status).toBe('success');
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
