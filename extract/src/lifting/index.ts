/** The lifting-log source: what the code location and tests use. */
export { LIFTING_DATASETS } from './constants.js';
export { importLiftingFiles, type LiftingFileSummary } from './import-lifting-files.js';
export { LiftingFileError, parseLiftingFile } from './lifting-file.js';
export { liftingImporter } from './lifting-importer.js';
export { generateSampleStrongCsv } from './sample-log.js';
export { LiftingEnvironment } from './lifting-environment.js';
export { LiftingSet } from './schemas.js';
export { liftingExtractAssets, liftingSets } from './sets-asset.js';
