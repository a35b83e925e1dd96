import type { AssetDefinition } from '../assets/asset.js';

/**
 * Resolves the selection a container task names among its image's assets: one key, `group:NAME`,
 * or several of those separated by commas. Keeps the image's own order (its assets are listed
 * upstream first), so a `dbt build`-style task of a whole folder runs its models in dependency order.
 * Returns an error message instead when a term matches nothing.
 */
export function selectImageAssets(
  assets: readonly AssetDefinition[],
  selection: string,
): AssetDefinition[] | string {
  const chosen = new Set<string>();
  for (const term of selection
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)) {
    const matches = term.startsWith('group:')
      ? assets.filter((a) => a.group === term.slice('group:'.length))
      : assets.filter((a) => a.key === term);
    if (matches.length === 0) {
      return `"${term}" matches no asset of this image (has: ${assets.map((a) => a.key).join(', ')})`;
    }
    for (const a of matches) chosen.add(a.key);
  }
  if (chosen.size === 0) return 'empty selection';
  return assets.filter((a) => chosen.has(a.key));
}
