import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  asset,
  check,
  daily,
  definitions,
  image,
  readLandingManifests,
  writeLandingBatch,
  type AssetDefinition,
} from '@voyager/orchestration';
import { executeRun } from '../src/executor/executor.js';
import { type ExecutorEvent } from '../src/executor/events.js';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';

const log = pino({ level: 'silent' });
const img = image({
  name: 'local',
  description: 'test',
  dockerfile: 'none',
  command: ['node', 'none.js'],
  resources: { cpu: 256, memoryMiB: 512 },
});
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const run = (assets: AssetDefinition[], extra: Partial<Parameters<typeof executeRun>[0]> = {}) =>
  executeRun({
    definitions: definitions({ assets, images: [img] }),
    runtime,
    log,
    backoffScale: 0.01,
    ...extra,
  });

describe('local executor', () => {
  it('runs every asset after its deps, and no more than --concurrency at once', async () => {
    const finished: string[] = [];
    let active = 0;
    let peak = 0;
    const leaf = (key: string, deps: AssetDefinition[] = []) =>
      asset({
        key,
        description: key,
        image: 'local',
        deps,
        async materialize() {
          for (const d of deps) expect(finished).toContain(d.key);
          active += 1;
          peak = Math.max(peak, active);
          await sleep(50);
          active -= 1;
          finished.push(key);
          return { metadata: { rows: 1 } };
        },
      });
    const roots = ['raw/a', 'raw/b', 'raw/c', 'raw/d'].map((k) => leaf(k));
    const mart = leaf('marts/all', roots);
    const result = await run([mart, ...roots], { concurrency: 2 });
    expect(result.status).toBe('success');
    expect(peak).toBe(2);
    expect(finished.at(-1)).toBe('marts/all');
    const stored = await runtime.runStorage.eventsOfRun(result.runId);
    expect(stored.filter((e) => e.eventType === 'materialization')).toHaveLength(5);
    expect((await runtime.runStorage.recentRuns(1))[0]).toMatchObject({
      runId: result.runId,
      status: 'success',
    });
  });

  it('retries a failing asset with backoff and succeeds on a later attempt', async () => {
    let calls = 0;
    const events: ExecutorEvent[] = [];
    const flaky = asset({
      key: 'landing/flaky',
      description: 'fails twice',
      image: 'local',
      retry: { maxAttempts: 3, backoffSeconds: 1 },
      async materialize(ctx) {
        calls += 1;
        expect(ctx.attempt).toBe(calls);
        if (calls < 3) throw new Error(`transient ${calls}`);
        return { metadata: { rows: 7 } };
      },
    });
    const result = await run([flaky], { onEvent: (e) => events.push(e) });
    expect(result.outcomes[0]).toMatchObject({ status: 'success', attempts: 3, metadata: { rows: 7 } });
    expect(events.filter((e) => e.type === 'step_retrying')).toHaveLength(2);
    const failures = (await runtime.runStorage.eventsOfRun(result.runId)).filter(
      (e) => e.eventType === 'failure',
    );
    expect(failures.map((f) => [f.attempt, f.error])).toEqual([
      [1, 'transient 1'],
      [2, 'transient 2'],
    ]);
  });

  it('does not retry an error marked non-retryable', async () => {
    let calls = 0;
    const denied = asset({
      key: 'landing/denied',
      description: '401',
      image: 'local',
      retry: { maxAttempts: 5 },
      async materialize() {
        calls += 1;
        throw Object.assign(new Error('401 Authorization Error'), { retryable: false });
      },
    });
    const result = await run([denied]);
    expect(result.status).toBe('failed');
    expect(calls).toBe(1);
  });

  it('reports downstream of a failure, and of a failed blocking check, as skipped', async () => {
    const ran: string[] = [];
    const mk = (
      key: string,
      deps: AssetDefinition[],
      fn: () => Promise<void>,
      checks = [] as ReturnType<typeof check>[],
    ) =>
      asset({
        key,
        description: key,
        image: 'local',
        deps,
        checks,
        materialize: async () => {
          ran.push(key);
          await fn();
        },
      });
    const broken = mk('raw/broken', [], async () => {
      throw new Error('boom');
    });
    const afterBroken = mk('staging/after_broken', [broken], async () => {});
    const martOfBroken = mk('marts/after_after', [afterBroken], async () => {});
    const gated = mk('raw/gated', [], async () => {}, [
      check({
        name: 'never_passes',
        description: 'x',
        blocking: true,
        evaluate: async () => ({ passed: false }),
      }),
    ]);
    const warned = mk('raw/warned', [], async () => {}, [
      check({ name: 'warn_only', description: 'x', evaluate: async () => ({ passed: false }) }),
    ]);
    const afterGated = mk('staging/after_gated', [gated], async () => {});
    const afterWarned = mk('staging/after_warned', [warned], async () => {});
    const result = await run([broken, afterBroken, martOfBroken, gated, afterGated, warned, afterWarned]);
    const status = Object.fromEntries(result.outcomes.map((o) => [o.assetKey, o.status]));
    expect(status).toEqual({
      'raw/broken': 'failed',
      'staging/after_broken': 'skipped',
      'marts/after_after': 'skipped',
      'raw/gated': 'failed',
      'staging/after_gated': 'skipped',
      'raw/warned': 'success',
      'staging/after_warned': 'success',
    });
    expect(ran).not.toContain('staging/after_broken');
    expect(ran).not.toContain('staging/after_gated');
    expect(result.outcomes.find((o) => o.assetKey === 'marts/after_after')?.error).toMatch(
      /upstream staging\/after_broken was skipped/,
    );
    expect(result.status).toBe('failed');
  });

  it('cancels cleanly: the running step sees the abort, pending ones are canceled, the run is recorded canceled', async () => {
    const controller = new AbortController();
    const slow = asset({
      key: 'landing/slow',
      description: 'slow',
      image: 'local',
      async materialize(ctx) {
        setTimeout(() => controller.abort(), 50);
        await sleep(10_000, ctx.signal);
      },
    });
    const next = asset({
      key: 'raw/next',
      description: 'next',
      image: 'local',
      deps: [slow],
      materialize: async () => {},
    });
    const result = await run([slow, next], { signal: controller.signal });
    expect(result.status).toBe('canceled');
    expect(result.outcomes.map((o) => o.status)).toEqual(['canceled', 'canceled']);
    expect(result.durationMs).toBeLessThan(5_000);
    expect((await runtime.runStorage.recentRuns(1))[0]).toMatchObject({
      runId: result.runId,
      status: 'canceled',
    });
  });

  it('backfills every partition of a range, reporting each one, and a re-run of a partition replaces its output', async () => {
    const partitions = daily({ start: '2024-02-01' });
    const dailyCounts = asset({
      key: 'landing/daily_counts',
      description: 'one landing batch per day',
      image: 'local',
      partitions,
      async materialize(ctx) {
        const day = ctx.partition!.key;
        if (day === '2024-02-29') throw new Error('no data for the leap day');
        // the platform's way to replace a partition's output: a batch keyed by the partition's date
        const manifest = await writeLandingBatch(ctx.landing, {
          dataset: 'daily_counts',
          runId: ctx.runId,
          ingestDate: day,
          replaceIngestDate: true,
          records: [{ day, window_start: ctx.partition!.window!.start.toISOString() }],
        });
        return { metadata: { objects: manifest.objects.length, records: manifest.record_count } };
      },
    });
    const result = await run([dailyCounts], { from: '2024-02-27', to: '2024-03-02' });
    expect(result.outcomes.map((o) => [o.partitionKey, o.status])).toEqual([
      ['2024-02-27', 'success'],
      ['2024-02-28', 'success'],
      ['2024-02-29', 'failed'],
      ['2024-03-01', 'success'],
    ]);
    const rerun = await run([dailyCounts], { partition: '2024-02-28' });
    const batches = await readLandingManifests(runtime.landing, 'daily_counts');
    // manifests come oldest first; partitions of a backfill finish in any order
    expect(batches.map((b) => [b.ingest_date, b.run_id]).sort()).toEqual([
      ['2024-02-27', result.runId],
      ['2024-02-28', rerun.runId],
      ['2024-03-01', result.runId],
    ]);
    const latest = await runtime.runStorage.latestMaterializations();
    expect(
      latest.find((e) => e.assetKey === 'landing/daily_counts' && e.partitionKey === '2024-02-28')?.runId,
    ).toBe(rerun.runId);
    await expect(run([dailyCounts], { partition: '2024-13-01' })).rejects.toThrow(
      /not YYYY-MM-DD|not a real calendar day/,
    );
  });

  it('catches up the partitions a hook reports in steps of several keys, recording each key', async () => {
    const seen: { keys: readonly string[]; start: string; end: string }[] = [];
    const checked: string[] = [];
    const caughtUp = asset({
      key: 'raw/caught_up',
      description: 'a range loader',
      image: 'local',
      partitions: daily({ start: '2024-01-01', end: '2024-01-10' }),
      missingPartitions: () => Promise.resolve(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-06']),
      backfillPolicy: { maxPartitionsPerStep: 2 },
      checks: [
        check({
          name: 'window_seen',
          description: 'the check gets the step window',
          evaluate: (ctx) => {
            checked.push(
              `${ctx.partition!.window!.start.toISOString().slice(0, 10)}..${ctx.partition!.keys.length}`,
            );
            return Promise.resolve({ passed: true });
          },
        }),
      ],
      materialize(ctx) {
        const p = ctx.partition!;
        seen.push({ keys: p.keys, start: p.window!.start.toISOString(), end: p.window!.end.toISOString() });
        return Promise.resolve({ metadata: { rows: p.keys.length } });
      },
    });
    const lines: string[] = [];
    const captured = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
    const result = await run([caughtUp], { log: captured });
    expect(result.status).toBe('success');
    // 2024-01-10 is the last (and latest complete) partition: the union is 5 keys in 3 steps
    expect(result.outcomes.map((o) => [o.partitionKey, o.partitionKeys ?? null])).toEqual([
      ['2024-01-02', ['2024-01-02', '2024-01-03']],
      ['2024-01-04', null],
      ['2024-01-06', null],
      ['2024-01-10', null],
    ]);
    expect(seen[0]).toEqual({
      keys: ['2024-01-02', '2024-01-03'],
      start: '2024-01-02T00:00:00.000Z',
      end: '2024-01-04T00:00:00.000Z',
    });
    expect(checked).toContain('2024-01-02..2');
    expect(lines).toContain('catching up 5 partitions of raw/caught_up: 2024-01-02..2024-01-10');
    const events = await runtime.runStorage.eventsOfRun(result.runId);
    const materialized = events.filter((e) => e.eventType === 'materialization');
    expect(materialized.map((e) => e.partitionKey).sort()).toEqual([
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-06',
      '2024-01-10',
    ]);
    expect(materialized.find((e) => e.partitionKey === '2024-01-03')?.metadata).toEqual({
      rows: 2,
      step_partitions: 2,
      step_range: '2024-01-02..2024-01-03',
    });
    expect(events.filter((e) => e.eventType === 'check').map((e) => e.partitionKey)).toContain('2024-01-03');
    expect((await runtime.runStorage.recentRuns(1))[0]?.partitions).toEqual([
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-06',
      '2024-01-10',
    ]);
  });
  it('asks the hooks again after the run: partitions its upstream steps made missing run in a second pass with their downstream', async () => {
    // a fresh home: the days with data only exist once raw/source has run in this very run
    let landed: string[] = [];
    const done = new Set<string>();
    const ran: string[] = [];
    const source = asset({
      key: 'raw/source',
      description: 'lands two old days',
      image: 'local',
      materialize() {
        landed = ['2024-01-03', '2024-01-04'];
        ran.push('raw/source');
        return Promise.resolve({});
      },
    });
    const days = asset({
      key: 'raw/days',
      description: 'daily, caught up from what raw/source landed',
      image: 'local',
      deps: [source],
      partitions: daily({ start: '2024-01-01', end: '2024-01-10' }),
      missingPartitions: () => Promise.resolve(landed.filter((d) => !done.has(d))),
      backfillPolicy: { maxPartitionsPerStep: 31 },
      materialize(ctx) {
        for (const k of ctx.partition!.keys) done.add(k);
        ran.push(`raw/days[${ctx.partition!.keys.join(',')}]`);
        return Promise.resolve({});
      },
    });
    const mart = asset({
      key: 'marts/days',
      description: 'reads every day',
      image: 'local',
      deps: [days],
      materialize() {
        ran.push('marts/days');
        return Promise.resolve({});
      },
    });
    const lines: string[] = [];
    const captured = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
    const result = await run([source, days, mart], { log: captured });
    expect(result.status).toBe('success');
    expect(ran).toEqual([
      'raw/source',
      'raw/days[2024-01-10]',
      'marts/days',
      'raw/days[2024-01-03,2024-01-04]',
      'marts/days',
    ]);
    expect(result.outcomes.map((o) => o.assetKey)).toEqual([
      'raw/source',
      'raw/days',
      'marts/days',
      'raw/days',
      'marts/days',
    ]);
    expect(lines).toContain(
      'steps of this run left 2 partitions of raw/days missing (2024-01-03..2024-01-04): a second pass runs them and their downstream',
    );
    // nothing missing any more: one pass
    ran.length = 0;
    expect((await run([source, days, mart])).status).toBe('success');
    expect(ran).toEqual(['raw/source', 'raw/days[2024-01-10]', 'marts/days']);
  });
});
