import type { AssetDefinition } from '@voyager/orchestration';
import { rawTableAsset } from '../raw-table-asset.js';
import { LIFTING_SETS_TABLE } from './sets-table.js';

/** The upstream (extract) asset of the lifting load assets. */
export interface LiftingLoadUpstream {
  /** `landing/lifting/sets`; without it, `raw/lifting_sets` loads whatever `voyager import lifting` landed. */
  readonly sets?: AssetDefinition;
}

/**
 * The lifting load assets: `raw/lifting_sets` (group `lifting`), with the `rejected_rows_ratio` check.
 *
 * ### Examples
 * ```ts
 * const load = createLiftingLoadAssets({ sets: liftingExtractAssets.sets });
 * ```
 */
export function createLiftingLoadAssets(upstream: LiftingLoadUpstream): AssetDefinition[] {
  return [
    rawTableAsset({
      table: LIFTING_SETS_TABLE,
      group: 'lifting',
      description:
        "One row per set of a lifting log (Strong, Hevy, .xlsx), by workout and set number; a workout's sets replaced as a whole; weights in kg",
      deps: upstream.sets ? [upstream.sets] : [],
    }),
  ];
}
