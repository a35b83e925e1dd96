import { useMemo } from 'react';
import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { GraphLayout, GraphResponse } from '@voyager/orchestration/ui-api';

/** Upstream and downstream keys of an asset. */
export interface Neighbourhood {
  readonly up: ReadonlySet<string>;
  readonly down: ReadonlySet<string>;
}

/** Upstream and downstream keys of `key` (not including it). */
export function neighbourhood(graph: GraphResponse, key: string): Neighbourhood {
  const ups = new Map<string, string[]>();
  const downs = new Map<string, string[]>();
  for (const e of graph.edges) {
    ups.set(e.to, [...(ups.get(e.to) ?? []), e.from]);
    downs.set(e.from, [...(downs.get(e.from) ?? []), e.to]);
  }
  const walk = (start: string, next: (k: string) => readonly string[]) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      for (const n of next(stack.pop()!)) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return seen;
  };
  return {
    up: walk(key, (k) => ups.get(k) ?? []),
    down: walk(key, (k) => downs.get(k) ?? []),
  };
}

/** Above this many assets the graph opens at a readable zoom at its start instead of fitting it all. */
const LARGE = 300;

/**
 * The lineage graph (React Flow) over the server's ELK layout: groups boxed, assets coloured by
 * status. `focus` (with its `near`) highlights its upstream and downstream; `highlight` (a
 * selection's keys) dims the rest. A large graph renders only what is in view.
 */
export function LineageGraph(props: {
  graph: GraphResponse;
  layout: GraphLayout;
  near: Neighbourhood | null;
  focus: string | null;
  highlight: ReadonlySet<string> | null;
  onSelect(key: string): void;
}) {
  const { graph, layout, focus, highlight, near } = props;
  const NODE = layout.node;
  const large = graph.nodes.length > LARGE;
  // built once per data change: the graph refetches every few seconds with the same reference
  const { nodes, edges } = useMemo(() => {
    const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    const lit = (key: string) =>
      near ? key === focus || near.up.has(key) || near.down.has(key) : highlight ? highlight.has(key) : true;
    const nodes: Node[] = [
      ...layout.groups.map((g) => ({
        id: `group:${g.id}`,
        position: { x: g.x, y: g.y },
        data: { label: g.id },
        className: 'lineage-group',
        // known sizes and handles: React Flow would otherwise render every node once to measure it
        width: g.width,
        height: g.height,
        handles: [],
        style: { width: g.width, height: g.height },
        selectable: false,
        draggable: false,
        focusable: false,
      })),
      ...layout.assets.map((a) => {
        const n = byKey.get(a.key)!;
        const role =
          a.key === focus ? 'focus' : near?.up.has(a.key) ? 'up' : near?.down.has(a.key) ? 'down' : '';
        return {
          id: a.key,
          position: { x: a.x, y: a.y },
          data: { label: `${a.key}${n.stale ? ' · stale' : ''}` },
          className: `lineage-node status-${n.status} ${role} ${lit(a.key) ? '' : 'dim'}`,
          width: NODE.width,
          height: NODE.height,
          handles: [
            { type: 'target' as const, position: Position.Left, x: 0, y: NODE.height / 2 },
            { type: 'source' as const, position: Position.Right, x: NODE.width, y: NODE.height / 2 },
          ],
          style: { width: NODE.width, height: NODE.height },
          draggable: false,
          ariaLabel: `${a.key}, ${n.status}${n.stale ? ', stale' : ''}`,
        };
      }),
    ];
    const edges: Edge[] = graph.edges.map((e) => ({
      id: `${e.from}->${e.to}`,
      source: e.from,
      target: e.to,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: lit(e.from) && lit(e.to) ? 'lit' : 'dim',
    }));
    return { nodes, edges };
  }, [graph, layout, focus, highlight, near]);
  return (
    <div className="lineage" aria-label="Asset lineage graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        {...(large ? { defaultViewport: { x: 16, y: 16, zoom: 0.6 } } : { fitView: true })}
        onlyRenderVisibleElements={large}
        minZoom={0.05}
        nodesConnectable={false}
        onNodeClick={(_, n) => !n.id.startsWith('group:') && props.onSelect(n.id)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
