import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphResponse } from '@voyager/orchestration/ui-api';

/** Size of an asset node in the lineage graph, px. */
export const NODE = { width: 230, height: 48 } as const;

/** A laid-out graph: groups (boxes) and assets with absolute positions. */
export interface LineageLayout {
  groups: Array<{ id: string; x: number; y: number; width: number; height: number }>;
  assets: Array<{ key: string; group: string; x: number; y: number }>;
}

const elk = new ELK();

/** Above this many assets, groups are laid out separately (ELK's cross-hierarchy layout of 1,000 assets takes ~40 s). */
const SEPARATE_ABOVE = 300;

const FAST = {
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
  'elk.edgeRouting': 'POLYLINE',
};

/**
 * Lays out the asset graph left to right with ELK's layered algorithm, each group a compound
 * node (box) around its assets. Small graphs are laid out as one (`INCLUDE_CHILDREN`: edges
 * across groups shape the layout); large ones group by group, the groups placed by the edges
 * between them (`SEPARATE_CHILDREN`), which keeps 1,000 assets to a few seconds.
 */
export async function layoutLineage(graph: GraphResponse): Promise<LineageLayout> {
  const groups = [...new Set(graph.nodes.map((n) => n.group))];
  const root = graph.nodes.length > SEPARATE_ABOVE ? separateGroups(graph, groups) : oneGraph(graph, groups);
  return flatten(await elk.layout(root));
}

function separateGroups(graph: GraphResponse, groups: string[]): ElkNode {
  const groupOf = new Map(graph.nodes.map((n) => [n.key, n.group]));
  const between = new Set<string>();
  for (const e of graph.edges) {
    const [a, b] = [groupOf.get(e.from)!, groupOf.get(e.to)!];
    if (a !== b) between.add(`${a}\n${b}`);
  }
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
      ...FAST,
    },
    children: groups.map((g) => ({
      id: `group:${g}`,
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.padding': '[top=36,left=16,bottom=16,right=16]',
        ...FAST,
      },
      children: graph.nodes.filter((n) => n.group === g).map((n) => ({ id: n.key, ...NODE })),
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

function oneGraph(graph: GraphResponse, groups: string[]): ElkNode {
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '60',
      'elk.spacing.nodeNode': '24',
      'elk.padding': '[top=36,left=16,bottom=16,right=16]',
    },
    children: groups.map((g) => ({
      id: `group:${g}`,
      layoutOptions: { 'elk.padding': '[top=36,left=16,bottom=16,right=16]' },
      children: graph.nodes.filter((n) => n.group === g).map((n) => ({ id: n.key, ...NODE })),
    })),
    edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  };
}

function flatten(out: ElkNode): LineageLayout {
  const layout: LineageLayout = { groups: [], assets: [] };
  for (const g of out.children ?? []) {
    const gx = g.x ?? 0;
    const gy = g.y ?? 0;
    layout.groups.push({
      id: g.id.slice('group:'.length),
      x: gx,
      y: gy,
      width: g.width ?? 0,
      height: g.height ?? 0,
    });
    for (const n of g.children ?? []) {
      layout.assets.push({
        key: n.id,
        group: g.id.slice('group:'.length),
        x: gx + (n.x ?? 0),
        y: gy + (n.y ?? 0),
      });
    }
  }
  return layout;
}
