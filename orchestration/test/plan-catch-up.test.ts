import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asset,
  AssetDefinitionError,
  hourly,
  LocalObjectStore,
  staticPartitions,
  type AssetDefinition,
  type BackfillPolicy,
  type MissingPartitionsContext,
} from '@voyager/orchestration';
import { AssetGraph } from '../src/graph/asset-graph.js';
import { planSteps, PlanError, resolveMissingPartitions, type PlannedStep } from '../src/executor/plan.js';
import { stepPartition } from '../src/assets/partitions.js';

// 2016-01-03T05:30Z: the latest complete hour is 04:00
const now = new Date('2016-01-03T05:30:00Z');
const hours = hourly({ start: '2016-01-01T00:00' });
const log = pino({ level: 'silent' });

let dir: string;
let landing: LocalObjectStore;
const warehouse = new pg.Pool({ max: 1 }); // never connected: the hooks here read landing only
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plan-catch-up-'));
  landing = new LocalObjectStore(dir);
  // three hours landed by an import, as `heart_rate/samples/hour=<hour>/` folders
  for (const h of ['2016-01-02T10', '2016-01-01T03', '2016-01-02T11'])
    await landing.put(`samples/hour=${h}/part-00001.ndjson`, '{}\n');
});
afterAll(async () => {
  await warehouse.end();
  await rm(dir, { recursive: true, force: true });
});

/** A hook that returns the hours landed under `samples/` (what a real hook does with its ledger). */
const landedHours = async (ctx: MissingPartitionsContext): Promise<string[]> =>
  [...new Set((await ctx.landing.list('samples/')).map((o) => /hour=([^/]+)/.exec(o.key)![1]!))].map(
    (h) => `${h}:00`,
  );

const make = (
  key: string,
  options: {
    deps?: AssetDefinition[];
    missingPartitions?: (ctx: MissingPartitionsContext) => Promise<readonly string[]>;
    backfillPolicy?: BackfillPolicy;
    partitioned?: boolean;
  } = {},
) =>
  asset({
    key,
    description: key,
    image: 'x',
    deps: options.deps ?? [],
    ...(options.partitioned === false ? {} : { partitions: hours }),
    ...(options.missingPartitions ? { missingPartitions: options.missingPartitions } : {}),
    ...(options.backfillPolicy ? { backfillPolicy: options.backfillPolicy } : {}),
    materialize: async () => {},
  });

const sources = () => ({
  landing,
  warehouse,
  runStorage: { getState: <T>() => Promise.resolve(undefined as T | undefined) },
  projectDir: dir,
  env: {},
});

async function plan(assets: AssetDefinition[], request = {}) {
  const graph = new AssetGraph(assets);
  const selected = graph.select('*');
  const missing = await resolveMissingPartitions(selected, request, sources(), { log, now });
  const catchUps: [string, readonly string[]][] = [];
  const steps = planSteps(graph, selected, request, {
    now,
    missing,
    onCatchUp: (k, keys) => catchUps.push([k, keys]),
  });
  return { steps, catchUps };
}
const labels = (steps: PlannedStep[], key: string) =>
  steps.filter((s) => s.assetKey === key).map((s) => s.label);

describe('catch-up of missing partitions (a run that names no partition)', () => {
  it('runs the ascending union of the hook keys and the latest complete partition, and reports it once', async () => {
    const raw = make('raw/samples', { missingPartitions: landedHours });
    const { steps, catchUps } = await plan([raw]);
    expect(labels(steps, 'raw/samples')).toEqual([
      'raw/samples[2016-01-01T03:00]',
      'raw/samples[2016-01-02T10:00]',
      'raw/samples[2016-01-02T11:00]',
      'raw/samples[2016-01-03T04:00]',
    ]);
    expect(catchUps).toEqual([
      ['raw/samples', ['2016-01-01T03:00', '2016-01-02T10:00', '2016-01-02T11:00', '2016-01-03T04:00']],
    ]);
  });

  it('a hook that finds nothing leaves the latest partition alone, with no catch-up reported', async () => {
    const raw = make('raw/samples', { missingPartitions: () => Promise.resolve([]) });
    const { steps, catchUps } = await plan([raw]);
    expect(labels(steps, 'raw/samples')).toEqual(['raw/samples[2016-01-03T04:00]']);
    expect(catchUps).toEqual([]);
  });

  it('propagates downstream to same-partitioned assets, never upstream', async () => {
    const landingAsset = make('landing/s/samples');
    const raw = make('raw/samples', { deps: [landingAsset], missingPartitions: landedHours });
    const mart = make('marts/hourly', { deps: [raw] });
    const total = make('marts/total', { deps: [mart], partitioned: false });
    const { steps, catchUps } = await plan([landingAsset, raw, mart, total]);
    // the landing asset (an API call per hour) is not asked for the imported hours
    expect(labels(steps, 'landing/s/samples')).toEqual(['landing/s/samples[2016-01-03T04:00]']);
    expect(labels(steps, 'marts/hourly')).toEqual(
      labels(steps, 'raw/samples').map((l) => l.replace('raw/samples', 'marts/hourly')),
    );
    expect(catchUps.map(([k]) => k)).toEqual(['raw/samples', 'marts/hourly']);
    const step = (label: string) => steps.find((s) => s.label === label)!;
    // a caught-up hour has no landing step of its own: it waits for the landing step there is
    expect(step('raw/samples[2016-01-01T03:00]').upstream).toEqual(['landing/s/samples[2016-01-03T04:00]']);
    expect(step('marts/hourly[2016-01-02T10:00]').upstream).toEqual(['raw/samples[2016-01-02T10:00]']);
    expect(step('marts/total').upstream).toHaveLength(4);
  });

  it('groups consecutive keys into steps of at most maxPartitionsPerStep, each with a window spanning them', async () => {
    const raw = make('raw/samples', {
      missingPartitions: () =>
        Promise.resolve(['2016-01-02T09:00', '2016-01-02T10', '2016-01-02T11:00', '2016-01-02T13:00']),
      backfillPolicy: { maxPartitionsPerStep: 2 },
    });
    const mart = make('marts/hourly', { deps: [raw] });
    const { steps } = await plan([raw, mart]);
    expect(labels(steps, 'raw/samples')).toEqual([
      'raw/samples[2016-01-02T09:00..2016-01-02T10:00]',
      'raw/samples[2016-01-02T11:00]',
      'raw/samples[2016-01-02T13:00]',
      'raw/samples[2016-01-03T04:00]',
    ]);
    const first = steps[0]!;
    expect(first.partitionKey).toBe('2016-01-02T09:00');
    expect(first.partitionKeys).toEqual(['2016-01-02T09:00', '2016-01-02T10:00']);
    const p = stepPartition(hours, first.partitionKeys!);
    expect([p.key, p.window?.start.toISOString(), p.window?.end.toISOString()]).toEqual([
      '2016-01-02T09:00',
      '2016-01-02T09:00:00.000Z',
      '2016-01-02T11:00:00.000Z',
    ]);
    // the mart keeps a step per hour, each waiting for the raw step that holds its hour
    expect(steps.find((s) => s.label === 'marts/hourly[2016-01-02T10:00]')!.upstream).toEqual([
      'raw/samples[2016-01-02T09:00..2016-01-02T10:00]',
    ]);
  });

  it('groups a --from/--to backfill the same way, and a policy of 1 keeps a step per partition', async () => {
    const grouped = make('raw/samples', { backfillPolicy: { maxPartitionsPerStep: 24 } });
    const request = { from: '2016-01-01T00', to: '2016-01-03T00' };
    expect(labels((await plan([grouped], request)).steps, 'raw/samples')).toEqual([
      'raw/samples[2016-01-01T00:00..2016-01-01T23:00]',
      'raw/samples[2016-01-02T00:00..2016-01-02T23:00]',
    ]);
    expect((await plan([make('raw/samples')], request)).steps).toHaveLength(48);
  });

  it('does not ask the hooks when the run names its partitions', async () => {
    let asked = 0;
    const raw = make('raw/samples', {
      missingPartitions: () => {
        asked++;
        return Promise.resolve(['2016-01-01T01:00']);
      },
    });
    const { steps } = await plan([raw], { partition: '2016-01-02T05' });
    expect([asked, labels(steps, 'raw/samples')]).toEqual([0, ['raw/samples[2016-01-02T05:00]']]);
  });

  it('fails the plan with one line naming the asset and the key for a key outside the partitions', async () => {
    const raw = make('raw/samples', { missingPartitions: () => Promise.resolve(['2015-12-31T23:00']) });
    const failed = plan([raw]);
    await expect(failed).rejects.toThrow(PlanError);
    await expect(failed).rejects.toThrow(
      /^asset raw\/samples: missingPartitions returned partition "2015-12-31T23:00", which is not one of its partitions \(.*outside 2016-01-01T00:00\.\.now.*\)$/,
    );
  });

  it('orders the keys of static partitions by their list, and groups neighbours in it', async () => {
    const sports = staticPartitions(['run', 'ride', 'swim', 'hike']);
    const bySport = asset({
      key: 'raw/by_sport',
      description: 'x',
      image: 'x',
      partitions: sports,
      missingPartitions: () => Promise.resolve(['swim', 'run', 'ride']),
      backfillPolicy: { maxPartitionsPerStep: 10 },
      materialize: async () => {},
    });
    // the latest partition of a static list is its last key
    expect(labels((await plan([bySport])).steps, 'raw/by_sport')).toEqual(['raw/by_sport[run..hike]']);
  });

  it('refuses a hook or a policy on an unpartitioned asset, and a policy below 1', () => {
    expect(() => make('raw/a', { partitioned: false, missingPartitions: () => Promise.resolve([]) })).toThrow(
      new AssetDefinitionError(
        'asset raw/a: missingPartitions needs partitions (the asset is not partitioned)',
        'raw/a',
      ),
    );
    expect(() => make('raw/a', { partitioned: false, backfillPolicy: { maxPartitionsPerStep: 5 } })).toThrow(
      /backfillPolicy needs partitions/,
    );
    expect(() => make('raw/a', { backfillPolicy: { maxPartitionsPerStep: 0 } })).toThrow(
      /maxPartitionsPerStep must be an integer >= 1/,
    );
  });
});
