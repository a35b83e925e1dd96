/** The activity-file inbox: what the code location and the heart-rate source need. */
export { FILES_DATASETS } from './constants.js';
export { createFilesInboxAsset, filesInboxAsset, type FilesInboxOptions } from './files-asset.js';
export { FilesEnvironment } from './files-environment.js';
export { createFilesImporter, filesImporter, InboxPathError } from './files-importer.js';
export type * from './file-activity.js';
export type * from './inbox-handler.js';
export type * from './inbox-ledger.js';
