import { stravaActivities } from './activities-asset.js';
import { stravaActivityDetails } from './activity-details-asset.js';
import { stravaActivityStreams } from './activity-streams-asset.js';
import { stravaAthlete } from './athlete-asset.js';
import { STRAVA_ATHLETE_KEYS } from './athlete-landing.js';

/**
 * The Strava extract assets by name, for the root `definitions.ts`
 * (`assets: [...Object.values(stravaExtractAssets), ...]`) and the container entry point.
 * Keys: `landing/strava/activities`, `landing/strava/activity_details`,
 * `landing/strava/activity_streams`, and the three outputs of the `strava_athlete` multi-asset:
 * `landing/strava/athlete`, `landing/strava/athlete_zones`, `landing/strava/athlete_stats`.
 */
export const stravaExtractAssets = {
  activities: stravaActivities,
  activityDetails: stravaActivityDetails,
  activityStreams: stravaActivityStreams,
  athlete: stravaAthlete.output(STRAVA_ATHLETE_KEYS.athlete),
  athleteZones: stravaAthlete.output(STRAVA_ATHLETE_KEYS.zones),
  athleteStats: stravaAthlete.output(STRAVA_ATHLETE_KEYS.stats),
} as const;
