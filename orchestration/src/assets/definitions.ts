import type { AssetDefinition } from './asset.js';
import type { DevServiceDefinition } from './dev-service.js';
import type { ImageDefinition } from './image.js';
import type { ImporterDefinition } from './importer.js';
import type { MultiAssetDefinition } from './multi-asset.js';
import type { ScheduleDefinition } from './schedule.js';
import { AssetGraph } from '../graph/asset-graph.js';

/** The options of {@link definitions}. */
export interface DefinitionsConfig {
  /** Assets, and multi-assets (which stand for their outputs). */
  readonly assets: readonly (AssetDefinition | MultiAssetDefinition)[];
  readonly images: readonly ImageDefinition[];
  readonly schedules?: readonly ScheduleDefinition[];
  readonly devServices?: readonly DevServiceDefinition[];
  /** One-off importers run by `voyager import <name> <path>`. */
  readonly importers?: readonly ImporterDefinition[];
}

/** The code location: the validated graph plus images, schedules and dev services. */
export interface Definitions {
  readonly graph: AssetGraph;
  readonly images: readonly ImageDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly devServices: readonly DevServiceDefinition[];
  readonly importers: readonly ImporterDefinition[];
  /** The image of `assetKey`. Throws when the key is unknown. */
  imageOf(assetKey: string): ImageDefinition;
}

/** Thrown when the code location is inconsistent (unknown image, bad schedule selection). */
export class DefinitionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionsError';
  }
}

/**
 * Builds the code location the CLI loads from `definitions.ts`: validates the asset graph
 * (duplicate keys, unknown deps, cycles), every asset's image and every schedule's selection.
 *
 * @throws GraphError / DefinitionsError naming the offending assets.
 */
export function definitions(config: DefinitionsConfig): Definitions {
  const graph = new AssetGraph(config.assets.flatMap((a) => ('assets' in a ? a.assets : [a])));
  const images = new Map(config.images.map((i) => [i.name, i]));
  if (images.size !== config.images.length) throw new DefinitionsError('two images share a name');
  for (const a of graph.assets) {
    if (!images.has(a.image)) {
      throw new DefinitionsError(
        `asset ${a.key} runs on image "${a.image}", which is not one of: ${[...images.keys()].join(', ')}`,
      );
    }
  }
  const schedules = config.schedules ?? [];
  for (const s of schedules) {
    if (graph.select(s.selection).length === 0) {
      throw new DefinitionsError(`schedule ${s.name}: selection "${s.selection}" matches no asset`);
    }
  }
  return Object.freeze({
    graph,
    images: config.images,
    schedules,
    devServices: config.devServices ?? [],
    importers: config.importers ?? [],
    imageOf(assetKey: string): ImageDefinition {
      return images.get(graph.get(assetKey).image)!;
    },
  });
}
