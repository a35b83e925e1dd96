import { stravaActivities } from './activities-asset.js';

/**
 * The Strava extract assets by name, for the root `definitions.ts`
 * (`assets: [...Object.values(stravaExtractAssets), ...]`) and the container entry point.
 */
export const stravaExtractAssets = {
  activities: stravaActivities,
} as const;
