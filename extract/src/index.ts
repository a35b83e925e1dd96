/**
 * @voyager/extract: the Strava API client, simulator, extract assets and bulk-export importer.
 */
export * from './extract-image.js';
export * from './landing/landed-records.js';
export * from './strava/activities-asset.js';
export * from './strava/activities-cursor.js';
export * from './strava/activity-details-asset.js';
export * from './strava/activity-fanout.js';
export * from './strava/activity-streams-asset.js';
export * from './strava/athlete-asset.js';
export * from './strava/assets.js';
export * from './strava/client.js';
export * from './strava/constants.js';
export * from './strava/credentials.js';
export * from './strava/errors.js';
export * from './strava/landed-activities.js';
export * from './strava/oauth.js';
export * from './strava/quarantine.js';
export * from './strava/rate-limit.js';
export * from './strava/schemas.js';
export * from './strava/strava-environment.js';
export * from './strava/strava-session.js';
export * from './strava/token-store.js';
export * from './strava/simulator/index.js';
export * from './bulk-export/activities-csv.js';
export * from './bulk-export/activity-files.js';
export * from './bulk-export/export-activity.js';
export * from './bulk-export/export-archive.js';
export * from './bulk-export/landed-ledger.js';
export * from './bulk-export/strava-export-importer.js';
export * from './lifting/index.js';
