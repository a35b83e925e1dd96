/**
 * `@voyager/extract/testing`: the machinery behind the extract assets, for tests that drive it
 * directly (the Strava client and session, landing readers, bulk-export parsers). Not part of the
 * code location's surface.
 */
export * from './landing/landed-records.js';
export * from './strava/activities-cursor.js';
export * from './strava/activity-fanout.js';
export * from './strava/athlete-refresh.js';
export * from './strava/client.js';
export * from './strava/credentials.js';
export * from './strava/landed-activities.js';
export * from './strava/oauth.js';
export * from './strava/quarantine.js';
export * from './strava/rate-limit.js';
export * from './strava/strava-session.js';
export * from './strava/token-store.js';
export * from './bulk-export/activities-csv.js';
export {
  ActivityFileError,
  parseActivityFile,
  type FileStreams,
  type ParsedActivityFile,
} from './bulk-export/activity-files.js';
export * from './bulk-export/export-activity.js';
export * from './bulk-export/export-archive.js';
export * from './bulk-export/landed-ledger.js';
export { changeTotesys, fillTotesys, TOTESYS_START } from './totesys/totesys-generator.js';
export { totesysDefaultDatabase, TOTESYS_DATABASE } from './totesys/default-database.js';
export * from './bulk-export/import-strava-export.js';
export { parseDeviceFile, DeviceFileError } from './files/parse-device-file.js';
export { fileActivityId } from './files/file-activity-records.js';
export { readInboxLedger } from './files/inbox-ledger.js';
export { takeInbox, type InboxSummary, type TakeInboxOptions } from './files/take-inbox.js';
export { toSportType } from './files/file-activity.js';
export * from './heart-rate/google-health-client.js';
export * from './heart-rate/google-oauth.js';
export * from './heart-rate/series.js';
export * from './heart-rate/fitabase-files.js';
export * from './heart-rate/takeout-file.js';
export * from './heart-rate/fitbit-time.js';
export { insertRows, TOTESYS_DDL } from './totesys/totesys-schema.js';
export { generateHourEvents, generateWebEvents, hourPrefix } from './web-events/event-generator.js';
export { splitJsonObjects, type JsonPiece } from './web-events/json-objects.js';
export { segmentProblem } from './web-events/segment-event.js';
export { ArchiveResponse, ArchiveError } from './weather/schemas.js';
export { hourlyRows, localToUtc, type HourlyWeather } from './weather/hourly-rows.js';
export { OpenMeteoClient, OpenMeteoRateLimitError, OpenMeteoRequestError } from './weather/client.js';
export { startOpenMeteoSimulator, type OpenMeteoSimulator } from './weather/open-meteo-simulator.js';
export { placeDays } from './weather/activity-places.js';
