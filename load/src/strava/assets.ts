import type { AssetDefinition } from '@voyager/orchestration';
import type { RawTable } from '../raw-table.js';
import { rawTableAsset } from '../raw-table-asset.js';
import { STRAVA_ATHLETE_TABLE, STRAVA_ATHLETE_ZONES_TABLE } from './tables/athlete.js';
import { STRAVA_ATHLETE_STATS_TABLE } from './tables/athlete-stats.js';
import { STRAVA_BEST_EFFORTS_TABLE, STRAVA_LAPS_TABLE } from './tables/laps-best-efforts.js';
import { STRAVA_ACTIVITY_DELETIONS_TABLE } from './tables/activity-deletions.js';
import { STRAVA_EXPORT_ACTIVITIES_TABLE } from './tables/export-activities.js';
import { STRAVA_QUARANTINE_TABLE } from './tables/quarantine.js';
import { STRAVA_ACTIVITIES_TABLE, STRAVA_ACTIVITY_DETAILS_TABLE } from './tables/activities.js';
import { STRAVA_ACTIVITY_STREAMS_TABLE } from './tables/activity-streams.js';

/** The upstream (extract) assets the load assets depend on; the optional ones add their tables. */
export interface StravaLoadUpstream {
  /** `landing/strava/activities` (writes `strava/activities` and `strava/activity_deletions`). */
  readonly activities: AssetDefinition;
  /** `landing/strava/activity_details`: adds `raw/strava_activity_details`, `raw/strava_laps`, `raw/strava_best_efforts`. */
  readonly activityDetails?: AssetDefinition;
  /** `landing/strava/activity_streams`: adds `raw/strava_activity_streams`. */
  readonly activityStreams?: AssetDefinition;
  /** `landing/strava/athlete` (writes `strava/athlete`): adds `raw/strava_athlete`. */
  readonly athlete?: AssetDefinition;
  /** `landing/strava/athlete_zones` (writes `strava/athlete_zones`): adds `raw/strava_athlete_zones`. */
  readonly athleteZones?: AssetDefinition;
  /** `landing/strava/athlete_stats` (writes `strava/athlete_stats`): adds `raw/strava_athlete_stats`. */
  readonly athleteStats?: AssetDefinition;
  /**
   * What writes `strava/export_activities` (bulk-export rows), when it is an asset. The
   * `raw/strava_export_activities` asset always exists: without this dep it loads whatever
   * `voyager import` has landed.
   */
  readonly exportActivities?: AssetDefinition;
  /**
   * `landing/files/activities` (the activity-file inbox), which also writes `strava/activities`
   * and `strava/activity_streams`: a dep of `raw/strava_activities` and `raw/strava_activity_streams`.
   */
  readonly files?: AssetDefinition;
}

/** One Strava load asset `raw/<table>` (group `strava`): {@link rawTableAsset}. */
function stravaTable(
  table: RawTable,
  description: string,
  deps: readonly AssetDefinition[],
): AssetDefinition {
  return rawTableAsset({ table, group: 'strava', description, deps });
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
  const activities = stravaTable(
    STRAVA_ACTIVITIES_TABLE,
    'One row per Strava activity (SummaryActivity), upserted by activity_id; typed columns in metres, seconds, m/s, bpm plus the original record as jsonb; deleted_at set by a detected deletion, cleared by a re-listing',
    [upstream.activities, ...(upstream.files ? [upstream.files] : [])],
  );
  const assets = [
    activities,
    // after raw/strava_activities: a deletion must land on the rows the same run's listing loaded
    stravaTable(
      STRAVA_ACTIVITY_DELETIONS_TABLE,
      'One row per activity Strava no longer lists (full re-list), upserted by activity_id; sets raw.strava_activities.deleted_at',
      [upstream.activities, activities],
    ),
  ];
  const { activityDetails, activityStreams, athlete } = upstream;
  if (activityDetails) {
    assets.push(
      stravaTable(
        STRAVA_ACTIVITY_DETAILS_TABLE,
        'One row per activity (DetailedActivity: calories, device, gear, description), upserted by activity_id',
        [activityDetails],
      ),
      stravaTable(
        STRAVA_LAPS_TABLE,
        "One row per lap of an activity; an activity's laps replaced as a whole",
        [activityDetails],
      ),
      stravaTable(
        STRAVA_BEST_EFFORTS_TABLE,
        "One row per best effort (400m, 1k, 5k...) of an activity; an activity's best efforts replaced as a whole",
        [activityDetails],
      ),
    );
  }
  if (activityStreams) {
    assets.push(
      stravaTable(
        STRAVA_ACTIVITY_STREAMS_TABLE,
        "One row per stream point of an activity (time, lat/lng, distance, altitude, heart rate...); an activity's points replaced as a whole",
        [activityStreams, ...(upstream.files ? [upstream.files] : [])],
      ),
    );
  }
  if (athlete) {
    assets.push(
      stravaTable(STRAVA_ATHLETE_TABLE, 'One row per athlete (DetailedAthlete), upserted by athlete_id', [
        athlete,
      ]),
    );
  }
  if (upstream.athleteZones) {
    assets.push(
      stravaTable(
        STRAVA_ATHLETE_ZONES_TABLE,
        'One row per athlete, zone type (heart_rate bpm, power watts) and zone; replaced per athlete',
        [upstream.athleteZones],
      ),
    );
  }
  if (upstream.athleteStats) {
    assets.push(
      stravaTable(
        STRAVA_ATHLETE_STATS_TABLE,
        'One row per athlete: the latest recent (4 weeks), year-to-date and all-time run, ride and swim totals (count, metres, seconds), upserted by athlete_id',
        [upstream.athleteStats],
      ),
    );
  }
  assets.push(
    stravaTable(
      STRAVA_EXPORT_ACTIVITIES_TABLE,
      'One row per activity of a Strava bulk export (activities.csv), upserted by activity_id',
      upstream.exportActivities ? [upstream.exportActivities] : [],
    ),
  );
  // every extract asset (and the importer) lands what fails its schema in strava/quarantine
  const quarantineDeps = [
    upstream.activities,
    activityDetails,
    activityStreams,
    athlete,
    upstream.exportActivities,
  ];
  assets.push(
    stravaTable(
      STRAVA_QUARANTINE_TABLE,
      "One row per record extract quarantined (strava/quarantine) into raw.rejected_rows: target_table from the record's dataset, extract's reason, the record as payload",
      quarantineDeps.filter((d): d is AssetDefinition => d !== undefined),
    ),
  );
  return assets;
}
