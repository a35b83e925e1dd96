import type { AssetDefinition } from './asset.js';

const REFERENCE = Symbol('voyager.assetReference');

/** Whether `a` stands for a dep given by key, not yet resolved by an `AssetGraph`. */
export function isAssetReference(a: AssetDefinition): boolean {
  return REFERENCE in a;
}

/** The stand-in for a dep given by key (already validated): resolved by the graph, never materialized. */
export function assetReference(key: string): AssetDefinition {
  return Object.freeze({
    [REFERENCE]: true,
    key,
    description: `Reference to ${key}, resolved when the graph is built`,
    image: '',
    group: '',
    deps: [],
    checks: [],
    retry: { maxAttempts: 1 },
    materialize(): Promise<void> {
      return Promise.reject(new Error(`${key} is a reference: build the graph to resolve it`));
    },
  });
}
