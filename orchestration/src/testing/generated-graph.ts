import { asset, type AssetDefinition } from '../assets/asset.js';
import { definitions, type Definitions } from '../assets/definitions.js';
import { image } from '../assets/image.js';
import { schedule } from '../assets/schedule.js';

/** Options of {@link generatedDefinitions}. */
export interface GeneratedGraphOptions {
  /** Assets in all (at least 1). */
  readonly assets: number;
  /** Assets per group (default 50); each group is one `layer_<n>` of the key. */
  readonly groupSize?: number;
  /** Upstream assets per asset at most (default 3), picked among earlier assets. */
  readonly fanIn?: number;
}

/**
 * A deterministic synthetic code location for scale tests and benchmarks: `assets` assets named
 * `g<group>/a<index>`, declared downstream-first, each depending on up to `fanIn` earlier ones
 * (a fixed linear congruential sequence, so the same options give the same graph), one image
 * `x` and one daily schedule selecting everything.
 */
export function generatedDefinitions(options: GeneratedGraphOptions): Definitions {
  const groupSize = options.groupSize ?? 50;
  const fanIn = options.fanIn ?? 3;
  const made: AssetDefinition[] = [];
  let seed = 12345;
  const next = (bound: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % bound;
  };
  for (let i = 0; i < options.assets; i++) {
    const deps = new Set<AssetDefinition>();
    for (let d = 0; i > 0 && d < fanIn; d++) deps.add(made[Math.max(0, i - 1 - next(Math.min(i, 200)))]!);
    made.push(
      asset({
        key: `g${Math.floor(i / groupSize)}/a${i}`,
        description: `Generated asset ${i}`,
        image: 'x',
        deps: [...deps],
        materialize: async () => {},
      }),
    );
  }
  return definitions({
    assets: made.reverse(),
    images: [
      image({
        name: 'x',
        description: 'generated',
        dockerfile: 'x/Dockerfile',
        command: ['node', 'x.js'],
        resources: { cpu: 256, memoryMiB: 512 },
      }),
    ],
    schedules: [schedule({ name: 'generated_daily', cron: '0 5 * * *', selection: '*', description: 'all' })],
  });
}
