import { assetTaskId } from '../assets/asset.js';
import type { AssetGraph } from './asset-graph.js';

/** Output formats of `voyager graph`. */
export type GraphFormat = 'mermaid' | 'dot' | 'json';

/**
 * Renders the asset graph: Mermaid (`graph LR`, one subgraph per group; the README's picture),
 * Graphviz dot, or JSON (`{ assets: [{ key, group, image, deps, partitions }] }`). Deterministic.
 */
export function renderGraph(graph: AssetGraph, format: GraphFormat): string {
  if (format === 'json') {
    const assets = graph.assets.map((a) => ({
      key: a.key,
      group: a.group,
      image: a.image,
      description: a.description,
      deps: a.deps.map((d) => d.key),
      partitions: a.partitions?.toJSON() ?? null,
      checks: a.checks.map((c) => ({ name: c.name, blocking: c.blocking })),
    }));
    return JSON.stringify({ assets }, null, 2) + '\n';
  }
  const groups = [...new Set(graph.assets.map((a) => a.group))];
  const edges = graph.assets.flatMap((a) =>
    a.deps.map((d) => [assetTaskId(d.key), assetTaskId(a.key)] as const),
  );
  if (format === 'dot') {
    const lines = ['digraph voyager {', '  rankdir=LR;', '  node [shape=box, style=rounded];'];
    for (const g of groups) {
      lines.push(`  subgraph "cluster_${g}" {`, `    label="${g}";`);
      for (const a of graph.assets.filter((x) => x.group === g))
        lines.push(`    ${assetTaskId(a.key)} [label="${a.key}"];`);
      lines.push('  }');
    }
    for (const [from, to] of edges) lines.push(`  ${from} -> ${to};`);
    lines.push('}');
    return lines.join('\n') + '\n';
  }
  const lines = ['graph LR'];
  for (const g of groups) {
    lines.push(`  subgraph ${g}`);
    for (const a of graph.assets.filter((x) => x.group === g))
      lines.push(`    ${assetTaskId(a.key)}["${a.key}"]`);
    lines.push('  end');
  }
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  return lines.join('\n') + '\n';
}
