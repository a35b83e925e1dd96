/**
 * @voyager/load: landing -> warehouse. What a code location needs: the `load` image, each source's
 * load assets and the load environment. For a new source's load assets, it also exports
 * `rawTableAsset`, `loadRawTable` with its raw-table and target types, and the rejected-rows
 * check. Opt-in: `@voyager/load/testing` (the Postgres target, the load migrations, the synthetic
 * stream generator).
 */
export { loadImage } from './load-image.js';
export { LoadEnvironment } from './load-environment.js';
export { createStravaLoadAssets, type StravaLoadUpstream } from './strava/assets.js';
export { rawTableAsset, type RawTableAssetConfig } from './raw-table-asset.js';
export { createLiftingLoadAssets, type LiftingLoadUpstream } from './lifting/assets.js';
export { createPostgresSourceLoadAssets, type PostgresSourceLoadConfig } from './totesys/assets.js';
export { createFilesLoadAssets, type FilesLoadUpstream } from './files/assets.js';
export { createHeartRateLoadAssets, type HeartRateLoadUpstream } from './heart-rate/assets.js';
export { createWebEventsLoadAssets, type WebEventsLoadUpstream } from './web-events/assets.js';
export { createWeatherLoadAssets, type WeatherLoadUpstream } from './weather/assets.js';
export { loadRawTable } from './load-raw-table.js';
export type { RawTable, RawColumn, ColumnType, RawRow } from './raw-table.js';
export { rejectedRowsRatioCheck } from './rejected-rows-check.js';
export type { LoadTarget, LandingObjectRef, LoadObjectOptions, LoadObjectResult } from './load-target.js';
export {
  createParquetExportAsset,
  type ParquetExportConfig,
} from './parquet-exports/parquet-export-asset.js';
export { createSalesExportAsset } from './parquet-exports/sales-export.js';
