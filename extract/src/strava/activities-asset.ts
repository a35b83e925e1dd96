import { asset } from '@voyager/orchestration';
import { readActivitiesCursor } from './activities-cursor.js';
import { landActivitiesListing } from './activities-listing.js';
import { openStravaSession } from './strava-session.js';

/**
 * `landing/strava/activities`: every SummaryActivity of the athlete (`GET /athlete/activities`) as
 * one landing batch of `strava/activities` per run. The first run takes the full history; later
 * runs re-list from the newest `start_date` seen minus `STRAVA_OVERLAP_DAYS` (default 7) to catch
 * edits. A stopped run (rate limit, 5xx, auth, abort) lands what it listed and the next resumes
 * with no gap and no duplicate. The cursor belongs to one identity (`STRAVA_IDENTITY`, or API URL
 * and client id). `STRAVA_FULL_RELIST=1` re-lists everything and lands `strava/activity_deletions`
 * for activities gone upstream. The machinery is in `activities-listing.ts`.
 */
export const stravaActivities = asset({
  key: 'landing/strava/activities',
  description:
    'One record per SummaryActivity listed by Strava in this run (full history first, then the overlap window)',
  image: 'extract',
  group: 'strava',
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  async materialize(ctx) {
    const session = await openStravaSession(ctx);
    try {
      const previous = await readActivitiesCursor(ctx, session.identity);
      return { metadata: await landActivitiesListing(ctx, session, previous) };
    } finally {
      await session.close();
    }
  },
});
