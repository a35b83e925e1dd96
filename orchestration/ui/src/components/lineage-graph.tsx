import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { GraphResponse } from '@voyager/orchestration/ui-api';
import { NODE, type LineageLayout } from './elk-layout.js';

/** Upstream and downstream keys of `key` (not including it). */
export function neighbourhood(graph: GraphResponse, key: string): { up: Set<string>; down: Set<string> } {
  const walk = (start: string, next: (k: string) => string[]) => {
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
    up: walk(key, (k) => graph.edges.filter((e) => e.to === k).map((e) => e.from)),
    down: walk(key, (k) => graph.edges.filter((e) => e.from === k).map((e) => e.to)),
  };
}

/**
 * The lineage graph (React Flow) over an ELK layout: groups boxed, assets coloured by status.
 * `focus` highlights its upstream and downstream; `highlight` (a selection's keys) dims the rest.
 */
export function LineageGraph(props: {
  graph: GraphResponse;
  layout: LineageLayout;
  focus: string | null;
  highlight: ReadonlySet<string> | null;
  onSelect(key: string): void;
}) {
  const { graph, layout, focus, highlight } = props;
  const near = useMemo(() => (focus ? neighbourhood(graph, focus) : null), [graph, focus]);
  const byKey = useMemo(() => new Map(graph.nodes.map((n) => [n.key, n])), [graph]);
  const lit = (key: string) =>
    near ? key === focus || near.up.has(key) || near.down.has(key) : highlight ? highlight.has(key) : true;
  const nodes: Node[] = [
    ...layout.groups.map((g) => ({
      id: `group:${g.id}`,
      position: { x: g.x, y: g.y },
      data: { label: g.id },
      className: 'lineage-group',
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
  return (
    <div className="lineage" aria-label="Asset lineage graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        onlyRenderVisibleElements={graph.nodes.length > 300}
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
