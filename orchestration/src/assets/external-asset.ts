import { asset, type AssetDefinition } from './asset.js';

/**
 * Stands for an asset defined in another package, for a container entry point that must name its
 * deps without importing that package. Materializing it throws: the real definition runs elsewhere.
 * Do not pass it to `definitions()` next to the real one; the root `definitions.ts` wires real objects.
 */
export function externalAsset(key: string, image = 'external'): AssetDefinition {
  return asset({
    key,
    description: `Defined in another package (${key})`,
    image,
    async materialize() {
      throw new Error(`${key} is an external asset here: materialize it through its own image`);
    },
  });
}
