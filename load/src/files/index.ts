/** The activity-file inbox's raw tables and load assets. */
export { createFilesLoadAssets, type FilesLoadUpstream } from './assets.js';
export { FILES_ACTIVITIES_TABLE, FILES_INBOX_LEDGER_TABLE, FILES_LANDING_DATASETS } from './tables.js';
