import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { GraphLayout } from './api-schemas.js';

/** Size of an asset node in the lineage graph, px. */
export const LINEAGE_NODE = { width: 230, height: 48 } as const;

/** What the layout needs of the graph: asset keys with their group, and edges (`from` upstream). */
export interface LayoutInput {
  readonly nodes: ReadonlyArray<{ readonly key: string; readonly group: string }>;
  readonly edges: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** Above this many assets, groups are laid out separately (ELK's cross-hierarchy layout of 1,000 assets takes ~40 s). */
const SEPARATE_ABOVE = 300;

const FAST = {
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
  'elk.edgeRouting': 'POLYLINE',
};
const PADDING = '[top=36,left=16,bottom=16,right=16]';

/**
 * The ELK input of the lineage: left to right with the layered algorithm, each group a compound
 * node (box) around its assets. Small graphs are laid out as one (`INCLUDE_CHILDREN`: edges across
 * groups shape the layout); large ones group by group, the groups placed by the edges between
 * them (`SEPARATE_CHILDREN`), which keeps 1,000 assets to seconds instead of a minute.
 */
export function elkGraphOf(graph: LayoutInput): ElkNode {
  const groups = [...new Set(graph.nodes.map((n) => n.group))].sort();
  const childrenOf = (g: string) =>
    graph.nodes.filter((n) => n.group === g).map((n) => ({ id: n.key, ...LINEAGE_NODE }));
  if (graph.nodes.length <= SEPARATE_ABOVE)
    return {
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.layered.spacing.nodeNodeBetweenLayers': '60',
        'elk.spacing.nodeNode': '24',
        'elk.padding': PADDING,
      },
      children: groups.map((g) => ({
        id: `group:${g}`,
        layoutOptions: { 'elk.padding': PADDING },
        children: childrenOf(g),
      })),
      edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
    };
  const groupOf = new Map(graph.nodes.map((n) => [n.key, n.group]));
  const between = new Set<string>();
  for (const e of graph.edges) {
    const [a, b] = [groupOf.get(e.from), groupOf.get(e.to)];
    if (a !== b) between.add(`${a}\n${b}`);
  }
  const base = { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', ...FAST };
  return {
    id: 'root',
    layoutOptions: { ...base, 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' },
    children: groups.map((g) => ({
      id: `group:${g}`,
      layoutOptions: { ...base, 'elk.padding': PADDING },
      children: childrenOf(g),
      edges: graph.edges
        .filter((e) => groupOf.get(e.from) === g && groupOf.get(e.to) === g)
        .map((e, i) => ({ id: `${g}:${i}`, sources: [e.from], targets: [e.to] })),
    })),
    edges: [...between].map((pair, i) => {
      const [a, b] = pair.split('\n');
      return { id: `between:${i}`, sources: [`group:${a}`], targets: [`group:${b}`] };
    }),
  };
}

/** Absolute positions of groups and assets from ELK's output (children are relative to their group). */
export function layoutFromElk(out: ElkNode): GraphLayout {
  const layout: GraphLayout = { node: { ...LINEAGE_NODE }, groups: [], assets: [] };
  for (const g of out.children ?? []) {
    const [gx, gy, id] = [g.x ?? 0, g.y ?? 0, g.id.slice('group:'.length)];
    layout.groups.push({ id, x: gx, y: gy, width: g.width ?? 0, height: g.height ?? 0 });
    for (const n of g.children ?? [])
      layout.assets.push({ key: n.id, group: id, x: gx + (n.x ?? 0), y: gy + (n.y ?? 0) });
  }
  return layout;
}
