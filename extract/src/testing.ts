/**
 * `@voyager/extract/testing`: the machinery behind the extract assets, for tests that drive it
 * directly (the Strava client and session, landing readers, bulk-export parsers). Not part of the
 * code location's surface.
 */
export { STRAVA_MAX_PER_PAGE } from './strava/constants.js';
export { importLiftingFiles, type LiftingFileSummary } from './lifting/import-lifting-files.js';
export { generateSampleStrongCsv } from './lifting/sample-log.js';
export { takeInbox, type InboxSummary, type TakeInboxOptions } from './files/take-inbox.js';
export { insertRows, TOTESYS_DDL } from './totesys/totesys-schema.js';
export { startOpenMeteoSimulator, type OpenMeteoSimulator } from './weather/open-meteo-simulator.js';
export { parseActivityFile } from './bulk-export/activity-files.js';
export { parseDeviceFile } from './files/parse-device-file.js';
export { fileActivityId } from './files/file-activity-records.js';
export { readInboxLedger } from './files/inbox-ledger.js';
export { toSportType } from './files/file-activity.js';
export { ArchiveResponse } from './weather/schemas.js';
export { hourlyRows, localToUtc } from './weather/hourly-rows.js';
export { OpenMeteoClient, OpenMeteoRateLimitError, OpenMeteoRequestError } from './weather/client.js';
export { readLandedObject, readLandedBatch, type BadLandedLine } from './landing/landed-records.js';
export { planAthleteRefresh } from './strava/athlete-refresh.js';
export { StravaClient } from './strava/client.js';
export { readLandedActivities, fingerprint, EXPORT_FINGERPRINT } from './strava/landed-activities.js';
export { openStravaSession } from './strava/strava-session.js';
export { FileTokenStore } from './strava/token-store.js';
export { uniqueColumns, parseActivitiesCsv } from './bulk-export/activities-csv.js';
export { parseExportDate } from './bulk-export/export-activity.js';
export { GoogleHealthClient } from './heart-rate/google-health-client.js';
