/** The heart-rate sources: the Google Health API asset, the Fitabase / Takeout importer, their schemas. */
export * from './constants.js';
export * from './errors.js';
export * from './google-health-environment.js';
export * from './heart-rate-importer.js';
export * from './import-heart-rate-files.js';
export * from './samples-asset.js';
export * from './schemas.js';
