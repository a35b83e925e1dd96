import type { ObjectStore } from '../object-store/object-store.js';
import { sequenceOf } from './commit-sequence.js';
import { LandingManifest, MANIFEST_FILE, type StoredLandingManifest } from './manifest.js';

/** Thrown when a `_manifest.json` is not valid JSON or does not match {@link LandingManifest}. */
export class LandingManifestError extends Error {
  constructor(
    readonly manifestKey: string,
    reason: string,
  ) {
    super(`landing manifest ${manifestKey} is invalid: ${reason}`);
    this.name = 'LandingManifestError';
  }
}

/**
 * Every complete batch of `dataset` (one that has its `_manifest.json`), oldest first
 * (by commit sequence, then key), so a loader applying them in order lets newer records win.
 *
 * @throws LandingManifestError naming the manifest that is malformed.
 */
export async function readLandingManifests(
  store: ObjectStore,
  dataset: string,
): Promise<StoredLandingManifest[]> {
  const objects = await store.list(`${dataset}/`);
  const manifests: StoredLandingManifest[] = [];
  for (const o of objects) {
    if (!o.key.endsWith(`/${MANIFEST_FILE}`)) continue;
    let json: unknown;
    try {
      json = JSON.parse((await store.get(o.key)).toString('utf8'));
    } catch (error) {
      throw new LandingManifestError(o.key, (error as Error).message);
    }
    const parsed = LandingManifest.safeParse(json);
    if (!parsed.success) {
      throw new LandingManifestError(
        o.key,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    manifests.push({ ...parsed.data, manifestKey: o.key });
  }
  return manifests.sort(byCommitOrder);
}

/**
 * Commit order of landing batches: by commit sequence (see {@link sequenceOf}), then manifest key.
 * Sort manifests of several datasets with it to replay them as they were committed (newer
 * records win).
 */
export function byCommitOrder(a: StoredLandingManifest, b: StoredLandingManifest): number {
  const sa = sequenceOf(a);
  const sb = sequenceOf(b);
  if (sa !== sb) return sa - sb;
  return a.manifestKey < b.manifestKey ? -1 : a.manifestKey > b.manifestKey ? 1 : 0;
}
