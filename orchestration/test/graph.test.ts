import { describe, expect, it } from 'vitest';
import { asset, definitions, image, type AssetDefinition } from '@voyager/orchestration';
import { AssetGraph } from '../src/graph/asset-graph.js';
import { GraphError } from '../src/graph/graph-error.js';

const make = (key: string, deps: AssetDefinition[] = [], group?: string) =>
  asset({
    key,
    description: key,
    image: 'x',
    deps,
    ...(group ? { group } : {}),
    materialize: async () => {},
  });

// landing/s/a -> raw/s_a -> staging/stg_a -> marts/fct_a ; raw/s_b -> marts/fct_a
const a = make('landing/s/a');
const rawA = make('raw/s_a', [a], 's');
const rawB = make('raw/s_b', [], 's');
const stg = make('staging/stg_a', [rawA]);
const fct = make('marts/fct_a', [stg, rawB]);
const graph = new AssetGraph([fct, stg, rawB, rawA, a]);
const keys = (sel: string) => graph.select(sel).map((x) => x.key);

describe('asset graph validation', () => {
  it('orders assets upstream first whatever the declaration order', () => {
    const order = graph.assets.map((x) => x.key);
    expect(order.indexOf('landing/s/a')).toBeLessThan(order.indexOf('raw/s_a'));
    expect(order.indexOf('staging/stg_a')).toBeLessThan(order.indexOf('marts/fct_a'));
    expect(order.indexOf('raw/s_b')).toBeLessThan(order.indexOf('marts/fct_a'));
  });

  it('rejects duplicate keys, naming them', () => {
    expect(() => new AssetGraph([a, make('landing/s/a')])).toThrow(/duplicate asset key: landing\/s\/a/);
  });

  it('rejects a dep that is not in the definitions, naming both assets', () => {
    try {
      new AssetGraph([rawA]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphError);
      expect((error as GraphError).message).toBe(
        'asset raw/s_a depends on landing/s/a, which is not in the definitions',
      );
      expect((error as GraphError).assetKeys).toEqual(['raw/s_a', 'landing/s/a']);
    }
  });

  it('rejects cycles, naming the assets in them', () => {
    const x = make('raw/x');
    const y = make('raw/y', [x]);
    (x.deps as AssetDefinition[]).push(y); // only a mutation can build a cycle from frozen objects
    expect(() => new AssetGraph([x, y, a])).toThrow('dependency cycle between: raw/x, raw/y');
  });

  it('rejects invalid keys and unknown images at definition time', () => {
    expect(() => make('Raw/Bad Key')).toThrow(/must be lowercase/);
    expect(() => definitions({ assets: [a], images: [] })).toThrow(/runs on image "x", which is not one of/);
    const img = image({
      name: 'x',
      description: 'x',
      dockerfile: 'x',
      command: ['node'],
      resources: { cpu: 256, memoryMiB: 512 },
    });
    expect(definitions({ assets: [a], images: [img] }).imageOf('landing/s/a').name).toBe('x');
  });
});

describe('selection', () => {
  it('selects one key, a group, everything', () => {
    expect(keys('raw/s_a')).toEqual(['raw/s_a']);
    // landing/s/a is in group s too: the key's second segment when it has three
    expect(keys('group:s')).toEqual(['landing/s/a', 'raw/s_a', 'raw/s_b']);
    expect(keys('*')).toHaveLength(5);
  });

  it('adds all upstream with +key and all downstream with key+ (dbt semantics)', () => {
    expect(keys('+staging/stg_a').sort()).toEqual(['landing/s/a', 'raw/s_a', 'staging/stg_a']);
    expect(keys('raw/s_a+').sort()).toEqual(['marts/fct_a', 'raw/s_a', 'staging/stg_a']);
    expect(keys('1+marts/fct_a').sort()).toEqual(['marts/fct_a', 'raw/s_b', 'staging/stg_a']);
    expect(keys('*staging/stg_a').sort()).toEqual(keys('+staging/stg_a').sort());
  });

  it('unions comma- or space-separated terms', () => {
    expect(keys('raw/s_b, landing/s/a')).toEqual(['landing/s/a', 'raw/s_b']);
  });

  it('fails on an unknown key or group with a hint', () => {
    expect(() => keys('raw/nope')).toThrow(/unknown asset raw\/nope/);
    expect(() => keys('s_a')).toThrow(/did you mean raw\/s_a/);
    expect(() => keys('group:garmin')).toThrow(/no asset in group "garmin"/);
    expect(() => keys('')).toThrow(/empty selection/);
  });
});
