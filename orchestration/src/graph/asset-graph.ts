import { distance } from 'fastest-levenshtein';
import type { AssetDefinition } from '../assets/asset.js';
import { isAssetReference } from '../assets/asset-reference.js';
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
          // a key typed by hand gets suggestions; a missing object is a wiring mistake
          const hint = isAssetReference(d)
            ? closeMatches(
                d.key,
                [...byKey.keys()].filter((k) => k !== a.key),
              )
            : '';
          throw new GraphError(`asset ${a.key} depends on ${d.key}, which is not in the definitions${hint}`, [
            a.key,
            d.key,
          ]);
        }
        if (known !== d && !isAssetReference(d)) {
          throw new GraphError(
            `asset ${a.key} depends on a different definition of ${d.key} than the one in the definitions`,
            [a.key, d.key],
          );
        }
      }
      const multi = a.multiAsset;
      if (multi !== undefined) {
        if (byKey.has(multi.name)) {
          throw new GraphError(`multi-asset ${multi.name} has the name of an asset key`, [multi.name]);
        }
        const missing = multi.assets.filter((o) => byKey.get(o.key) !== o).map((o) => o.key);
        if (missing.length > 0) {
          throw new GraphError(
            `multi-asset ${multi.name} runs as one step: its outputs ${missing.join(', ')} are missing from the definitions`,
            missing,
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
    // deps given by key become the graph's definitions; upstream first, so a copy's deps are final
    const resolved = new Map<string, AssetDefinition>();
    const order = sorted.order.map((a) => {
      const deps = a.deps.map((d) => resolved.get(d.key)!);
      const final = deps.every((d, i) => d === a.deps[i]) ? a : Object.freeze({ ...a, deps });
      resolved.set(a.key, final);
      return final;
    });
    for (const [key, a] of resolved) byKey.set(key, a);
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
      const hint = closeMatches(key, this.#byKey.keys());
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
   * Resolves a selection (see {@link parseSelection}) to assets in topological order. Selecting
   * one output of a multi-asset selects all of its outputs (they run as one step).
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
    // a multi-asset runs as one step: selecting one of its outputs selects them all
    for (const key of [...chosen]) for (const o of this.get(key).multiAsset?.assets ?? []) chosen.add(o.key);
    return this.assets.filter((a) => chosen.has(a.key));
  }
}

/** ` (did you mean a, b?)` for keys close to `key`: typos (edit distance) and the right name in the wrong layer. */
function closeMatches(key: string, keys: Iterable<string>): string {
  const last = (k: string) => k.split('/').pop() ?? k;
  const score = (k: string) =>
    k.endsWith(last(key)) ? 0 : Math.min(distance(k, key), distance(last(k), last(key)));
  const close = [...keys]
    .filter(
      (k) =>
        k.endsWith(last(key)) ||
        distance(k, key) <= Math.max(2, Math.floor(key.length / 5)) ||
        distance(last(k), last(key)) <= Math.max(1, Math.floor(last(key).length / 5)),
    )
    .sort((a, b) => score(a) - score(b) || a.localeCompare(b));
  return close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(', ')}?)` : '';
}
