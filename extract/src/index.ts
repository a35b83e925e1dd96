/**
 * @voyager/extract: what a code location needs from the extract package. That is the `extract`
 * image, each source's extract assets and importers (Strava, lifting log, files inbox, heart rate,
 * weather, web events, totesys and any operational Postgres), and each source's environment schema.
 * Opt-in parts: `@voyager/extract/simulator` and `@voyager/extract/heart-rate-simulator` (the API
 * simulators and their dev services), and `@voyager/extract/testing` (clients, parsers and landing
 * readers that tests drive directly).
 */
export { extractImage } from './extract-image.js';
export { stravaExtractAssets } from './strava/assets.js';
export { stravaActivities } from './strava/activities-asset.js';
export { stravaExportImporter } from './bulk-export/strava-export-importer.js';
export { StravaEnvironment, StravaSimulatorEnvironment } from './strava/strava-environment.js';
export { liftingImporter } from './lifting/lifting-importer.js';
export { liftingExtractAssets, liftingSets } from './lifting/sets-asset.js';
export { LiftingEnvironment } from './lifting/lifting-environment.js';
export { postgresSourceAsset, type PostgresSourceConfig } from './postgres-source/postgres-source-asset.js';
export { totesysExtractAssets, totesysRows, TotesysEnvironment } from './totesys/assets.js';
export { filesInboxAsset } from './inbox-asset.js';
export { filesImporter } from './files/files-importer.js';
export { FilesEnvironment } from './files/files-environment.js';
export { heartRateSamples } from './heart-rate/samples-asset.js';
export { heartRateImporter } from './heart-rate/heart-rate-importer.js';
export { GoogleHealthEnvironment } from './heart-rate/google-health-environment.js';
export { webEvents, webEventsExtractAssets } from './web-events/events-asset.js';
export { WebEventsEnvironment } from './web-events/web-events-environment.js';
export { createActivityWeatherAsset } from './weather/activity-weather-asset.js';
export { OpenMeteoEnvironment } from './weather/weather-environment.js';
