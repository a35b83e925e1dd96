import { asset, type AssetDefinition } from '@voyager/orchestration';
import { loadRawTable } from '../load-raw-table.js';
import { openLoadTarget } from '../open-load-target.js';
import type { RawTable } from '../raw-table.js';
import { rejectedRowsRatioCheck } from '../rejected-rows-check.js';
import { STRAVA_ACTIVITIES_TABLE } from './schemas.js';

/** The upstream (extract) assets the load assets depend on; the optional ones add their tables. */
export interface StravaLoadUpstream {
  /** `landing/strava/activities`. */
  readonly activities: AssetDefinition;
  /** `landing/strava/activity_details`: adds `raw/strava_activity_details`, `raw/strava_laps`, `raw/strava_best_efforts`. */
  readonly activityDetails?: AssetDefinition;
  /** `landing/strava/activity_streams`: adds `raw/strava_activity_streams`. */
  readonly activityStreams?: AssetDefinition;
  /** `landing/strava/athlete`: adds `raw/strava_athlete`, `raw/strava_athlete_zones`. */
  readonly athlete?: AssetDefinition;
}

/** One load asset `raw/<table>` reading `table.dataset`, with the `rejected_rows_ratio` check. */
export function rawTableAsset(
  table: RawTable,
  description: string,
  deps: readonly AssetDefinition[],
): AssetDefinition {
  return asset({
    key: `raw/${table.table}`,
    group: 'strava',
    description,
    image: 'load',
    deps,
    retry: { maxAttempts: 3, backoffSeconds: 2 },
    checks: [rejectedRowsRatioCheck()],
    async materialize(ctx) {
      return { metadata: await loadRawTable(ctx, openLoadTarget(ctx), table) };
    },
  });
}

/**
 * The Strava load assets, each depending on the given upstream objects (load never imports
 * @voyager/extract: the root definitions.ts, or `externalAsset(...)` in load's container main,
 * supplies them).
 *
 * ### Examples
 * ```ts
 * const loadAssets = createStravaLoadAssets({ activities: extractActivities });
 * ```
 */
export function createStravaLoadAssets(upstream: StravaLoadUpstream): AssetDefinition[] {
  return [
    rawTableAsset(
      STRAVA_ACTIVITIES_TABLE,
      'One row per Strava activity (SummaryActivity), upserted by activity_id; typed columns in metres, seconds, m/s, bpm plus the original record as jsonb',
      [upstream.activities],
    ),
  ];
}
