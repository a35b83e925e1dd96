import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { openLoadTarget } from '../open-load-target.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
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
    asset({
      key: `raw/${LIFTING_SETS_TABLE.table}`,
      group: 'lifting',
      description:
        "One row per set of a lifting log (Strong, Hevy, .xlsx), by workout and set number; a workout's sets replaced as a whole; weights in kg",
      image: 'load',
      deps: upstream.sets ? [upstream.sets] : [],
      retry: { maxAttempts: 3, backoffSeconds: 2 },
      checks: [rejectedRowsRatioCheck()],
      async materialize(ctx) {
        return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), LIFTING_SETS_TABLE) };
      },
    }),
  ];
}
