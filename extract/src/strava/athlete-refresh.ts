import { readLandingManifests, type ObjectStore } from '@voyager/orchestration';
import { z } from 'zod';
import { DATASETS } from './constants.js';

/** Zones and stats are fetched again at least this often, in ms: stats hold 4-week totals that roll daily. */
export const ATHLETE_REFRESH_MS = 24 * 60 * 60 * 1000;

/** What `strava_athlete` remembers between runs (its `ctx.state`). */
export const AthleteRefreshState = z.object({
  /** The profile's `updated_at` and when the zones were last fetched (ISO instants). */
  zones: z.object({ athleteUpdatedAt: z.string().nullable(), fetchedAt: z.string() }).optional(),
  /** The activity-listing basis (see {@link activitiesBasis}) and when the stats were last fetched. */
  stats: z.object({ basis: z.string(), fetchedAt: z.string() }).optional(),
});
export type AthleteRefreshState = z.infer<typeof AthleteRefreshState>;

/** Which of the two optional requests a run makes, and why (for the run's metadata). */
export interface AthleteRefreshPlan {
  readonly zones: string | undefined;
  readonly stats: string | undefined;
}

/**
 * A fingerprint of what the activities listing has landed that changes the athlete's totals: the
 * number of `strava/activities` batches that held an activity never landed before (`new_activities`
 * in the manifest; a batch from before that field counts as new) and of `strava/activity_deletions`
 * batches. Landing is append-only, so the fingerprint changes exactly when one of those is added.
 */
export async function activitiesBasis(landing: ObjectStore): Promise<string> {
  const listings = await readLandingManifests(landing, DATASETS.activities);
  const withNew = listings.filter((m) => {
    const n = m.metadata.new_activities;
    return typeof n !== 'number' || n > 0;
  }).length;
  const deletions = (await readLandingManifests(landing, DATASETS.activityDeletions)).length;
  return `${withNew}:${deletions}`;
}

/**
 * Decides the optional requests of a run: zones when the profile's `updated_at` changed (or is
 * missing) or a day has passed since they were fetched; stats when the listing landed a new
 * activity or a deletion since they were fetched, or a day has passed. Both on the first run.
 * Each value is the reason to fetch, or `undefined` to skip.
 */
export function planAthleteRefresh(
  previous: AthleteRefreshState,
  athleteUpdatedAt: string | null,
  basis: string,
  now: Date,
): AthleteRefreshPlan {
  const stale = (fetchedAt: string) => now.getTime() - Date.parse(fetchedAt) >= ATHLETE_REFRESH_MS;
  const { zones, stats } = previous;
  return {
    zones:
      zones === undefined
        ? 'first run'
        : athleteUpdatedAt === null || zones.athleteUpdatedAt !== athleteUpdatedAt
          ? 'profile updated'
          : stale(zones.fetchedAt)
            ? 'a day passed'
            : undefined,
    stats:
      stats === undefined
        ? 'first run'
        : stats.basis !== basis
          ? 'new or deleted activities'
          : stale(stats.fetchedAt)
            ? 'a day passed'
            : undefined,
  };
}
