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

/**
 * Lays out the asset graph left to right with ELK's layered algorithm, each group a compound
 * node (box) around its assets, edges routed across groups (`INCLUDE_CHILDREN`).
 */
export async function layoutLineage(graph: GraphResponse): Promise<LineageLayout> {
  const groups = [...new Set(graph.nodes.map((n) => n.group))];
  const root: ElkNode = {
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
  const out = await elk.layout(root);
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
