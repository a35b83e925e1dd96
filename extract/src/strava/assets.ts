import { stravaActivities } from './activities-asset.js';
import { stravaActivityDetails } from './activity-details-asset.js';
import { stravaActivityStreams } from './activity-streams-asset.js';
import { stravaAthlete } from './athlete-asset.js';

/**
 * The Strava extract assets by name, for the root `definitions.ts`
 * (`assets: [...Object.values(stravaExtractAssets), ...]`) and the container entry point.
 * Keys: `landing/strava/activities`, `landing/strava/activity_details`,
 * `landing/strava/activity_streams`, `landing/strava/athlete`.
 */
export const stravaExtractAssets = {
  activities: stravaActivities,
  activityDetails: stravaActivityDetails,
  activityStreams: stravaActivityStreams,
  athlete: stravaAthlete,
} as const;
