import { MinHeap } from './min-heap.js';

/** How {@link topologicalSort} reads a node: its id, the ids it waits for, and the tie-break order. */
export interface TopologicalSortOptions<T> {
  /** The node's unique id. */
  id(node: T): string;
  /** Ids of the nodes that must come before it; each must be an id of `nodes`. */
  upstream(node: T): Iterable<string>;
  /** Order among nodes that are ready at the same time (negative: `a` first). */
  compare(a: T, b: T): number;
}

/** What {@link topologicalSort} returns. */
export interface TopologicalSortResult<T> {
  /** Upstream first; every node when there is no cycle. */
  readonly order: readonly T[];
  /** Ids left out because they are in a cycle or downstream of one, sorted; empty when acyclic. */
  readonly blocked: readonly string[];
  /** One cycle as a path of ids that returns to its start, each waiting for the next (`a -> b -> a`), or empty. */
  readonly cycle: readonly string[];
}

/**
 * The one topological sort of the code base: Kahn's algorithm with a binary heap as the ready
 * list, so the order is deterministic (ties by `compare`) in O((n + e) log n). The asset graph,
 * the dbt model order and the Airflow task order use it.
 *
 * @throws Error when a node names an upstream id that is not among `nodes`, or two nodes share an id.
 */
export function topologicalSort<T>(
  nodes: readonly T[],
  options: TopologicalSortOptions<T>,
): TopologicalSortResult<T> {
  const byId = new Map<string, T>();
  for (const n of nodes) {
    const id = options.id(n);
    if (byId.has(id)) throw new Error(`topologicalSort: two nodes have the id ${id}`);
    byId.set(id, n);
  }
  const indegree = new Map<string, number>();
  const downstream = new Map<string, string[]>();
  const upstreamOf = new Map<string, Set<string>>();
  for (const [id, n] of byId) {
    const ups = new Set(options.upstream(n));
    upstreamOf.set(id, ups);
    indegree.set(id, ups.size);
    for (const u of ups) {
      const list = downstream.get(u);
      if (!byId.has(u)) throw new Error(`topologicalSort: ${id} waits for ${u}, which is not a node`);
      if (list === undefined) downstream.set(u, [id]);
      else list.push(id);
    }
  }
  const ready = new MinHeap<T>(options.compare);
  for (const [id, n] of byId) if (indegree.get(id) === 0) ready.push(n);
  const order: T[] = [];
  while (ready.size > 0) {
    const n = ready.pop()!;
    order.push(n);
    for (const child of downstream.get(options.id(n)) ?? []) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) ready.push(byId.get(child)!);
    }
  }
  if (order.length === byId.size) return { order, blocked: [], cycle: [] };
  const blocked = [...indegree]
    .filter(([, left]) => left > 0)
    .map(([id]) => id)
    .sort();
  return { order, blocked, cycle: findCycle(blocked, upstreamOf, indegree) };
}

/** Walks upstream among blocked nodes until one repeats: every blocked node has a blocked upstream. */
function findCycle(
  blocked: readonly string[],
  upstreamOf: ReadonlyMap<string, ReadonlySet<string>>,
  indegree: ReadonlyMap<string, number>,
): string[] {
  const path: string[] = [];
  const at = new Map<string, number>();
  let id = blocked[0]!;
  while (!at.has(id)) {
    at.set(id, path.length);
    path.push(id);
    id = [...upstreamOf.get(id)!].filter((u) => indegree.get(u)! > 0).sort()[0]!;
  }
  return [...path.slice(at.get(id)!), id];
}

/** Orders strings by UTF-16 code units, as `Array.prototype.sort()` does by default. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
