/**
 * @voyager/extract: what a code location needs from the extract package: the `extract` image, the
 * Strava and lifting-log assets and importers, the Strava API schemas, errors and environment, the heart-rate asset and importer.
 * Opt-in parts: `@voyager/extract/simulator` (the Strava API simulator and its dev service, the
 * synthetic athlete) and `@voyager/extract/testing` (the client, parsers and landing readers the
 * tests drive directly).
 */
export * from './extract-image.js';
export * from './strava/activities-asset.js';
export * from './strava/activity-details-asset.js';
export * from './strava/activity-streams-asset.js';
export * from './strava/athlete-asset.js';
export * from './strava/assets.js';
export * from './strava/constants.js';
export * from './strava/errors.js';
export * from './strava/schemas.js';
export * from './strava/strava-environment.js';
export * from './bulk-export/strava-export-importer.js';
export * from './lifting/index.js';
export * from './postgres-source/index.js';
export { totesysExtractAssets, totesysRows, TotesysEnvironment } from './totesys/index.js';
export * from './files/index.js';
export * from './heart-rate/index.js';
export * from './web-events/index.js';
export * from './weather/index.js';
