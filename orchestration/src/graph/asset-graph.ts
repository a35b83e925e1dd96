import { distance } from 'fastest-levenshtein';
import type { AssetDefinition } from '../assets/asset.js';
import { GraphError } from './graph-error.js';
import { parseSelection } from './selection.js';
import { compareStrings, topologicalSort } from './topological-sort.js';

/**
 * The validated asset graph: no duplicate keys, no unknown deps, no cycles. `assets` is in a
 * deterministic topological order (upstream first; ties broken by key), so compiled DAGs and
 * snapshots are stable.
 */
export class AssetGraph {
  /** Every asset, upstream first. */
  readonly assets: readonly AssetDefinition[];
  readonly #byKey: ReadonlyMap<string, AssetDefinition>;
  readonly #downstream: ReadonlyMap<string, readonly string[]>;

  /** @throws GraphError for duplicate keys, deps on assets not in the list, or cycles. */
  constructor(assets: readonly AssetDefinition[]) {
    const byKey = new Map<string, AssetDefinition>();
    const duplicates = new Set<string>();
    for (const a of assets) {
      if (byKey.has(a.key)) duplicates.add(a.key);
      byKey.set(a.key, a);
    }
    if (duplicates.size > 0) {
      const keys = [...duplicates].sort();
      throw new GraphError(`duplicate asset key${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`, keys);
    }
    for (const a of assets) {
      for (const d of a.deps) {
        const known = byKey.get(d.key);
        if (known === undefined) {
          throw new GraphError(`asset ${a.key} depends on ${d.key}, which is not in the definitions`, [
            a.key,
            d.key,
          ]);
        }
        if (known !== d) {
          throw new GraphError(
            `asset ${a.key} depends on a different definition of ${d.key} than the one in the definitions`,
            [a.key, d.key],
          );
        }
      }
    }
    const downstream = new Map<string, string[]>([...byKey.keys()].map((k) => [k, []]));
    for (const a of assets) for (const d of a.deps) downstream.get(d.key)!.push(a.key);
    for (const list of downstream.values()) list.sort(compareStrings);

    const sorted = topologicalSort(assets, {
      id: (a) => a.key,
      upstream: (a) => a.deps.map((d) => d.key),
      compare: (a, b) => compareStrings(a.key, b.key),
    });
    if (sorted.blocked.length > 0) {
      throw new GraphError(`dependency cycle between: ${sorted.blocked.join(', ')}`, sorted.blocked);
    }
    const order = sorted.order;
    this.assets = Object.freeze(order);
    this.#byKey = byKey;
    this.#downstream = downstream;
  }

  /** Whether `key` is in the graph. */
  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  /** The asset of `key`. @throws GraphError naming the key (and close matches) when unknown. */
  get(key: string): AssetDefinition {
    const a = this.#byKey.get(key);
    if (a === undefined) {
      // typos (edit distance) and right names in the wrong layer (same last segment)
      const last = (k: string) => k.split('/').pop() ?? k;
      const score = (k: string) =>
        k.endsWith(last(key)) ? 0 : Math.min(distance(k, key), distance(last(k), last(key)));
      const close = [...this.#byKey.keys()]
        .filter(
          (k) =>
            k.endsWith(last(key)) ||
            distance(k, key) <= Math.max(2, Math.floor(key.length / 5)) ||
            distance(last(k), last(key)) <= Math.max(1, Math.floor(last(key).length / 5)),
        )
        .sort((a, b) => score(a) - score(b) || a.localeCompare(b));
      const hint = close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
      throw new GraphError(`unknown asset ${key}${hint}`, [key]);
    }
    return a;
  }

  /** Direct downstream keys of `key`, sorted. */
  children(key: string): readonly string[] {
    return this.#downstream.get(key) ?? [];
  }

  /** Keys upstream of `key` (not including it) up to `depth` levels (default: all). */
  upstreamOf(key: string, depth = Infinity): Set<string> {
    return this.#walk(key, depth, (k) => this.get(k).deps.map((d) => d.key));
  }

  /** Keys downstream of `key` (not including it) up to `depth` levels (default: all). */
  downstreamOf(key: string, depth = Infinity): Set<string> {
    return this.#walk(key, depth, (k) => this.children(k));
  }

  #walk(key: string, depth: number, next: (k: string) => readonly string[]): Set<string> {
    this.get(key);
    const seen = new Set<string>();
    let frontier = [key];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const nextFrontier: string[] = [];
      for (const k of frontier) {
        for (const n of next(k)) {
          if (!seen.has(n)) {
            seen.add(n);
            nextFrontier.push(n);
          }
        }
      }
      frontier = nextFrontier;
    }
    return seen;
  }

  /**
   * Resolves a selection (see {@link parseSelection}) to assets in topological order.
   * @throws GraphError for an unknown key or group.
   */
  select(selection: string): AssetDefinition[] {
    const chosen = new Set<string>();
    for (const term of parseSelection(selection)) {
      if (term.kind === 'all') {
        for (const a of this.assets) chosen.add(a.key);
        continue;
      }
      let roots: string[];
      if (term.kind === 'group') {
        roots = this.assets.filter((a) => a.group === term.value).map((a) => a.key);
        if (roots.length === 0) {
          const groups = [...new Set(this.assets.map((a) => a.group))].sort();
          throw new GraphError(`no asset in group "${term.value}" (groups: ${groups.join(', ')})`, []);
        }
      } else {
        roots = [this.get(term.value).key];
      }
      for (const r of roots) {
        chosen.add(r);
        if (term.upstream > 0) for (const k of this.upstreamOf(r, term.upstream)) chosen.add(k);
        if (term.downstream > 0) for (const k of this.downstreamOf(r, term.downstream)) chosen.add(k);
      }
    }
    return this.assets.filter((a) => chosen.has(a.key));
  }
}
