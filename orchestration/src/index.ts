/**
 * @voyager/orchestration: what a definitions author or a container main needs. The asset SDK
 * (`asset`, `multiAsset`, `externalAsset`, `check`, partitions, `schedule`, `image`,
 * `definitions`), the landing writer and readers, the object stores, environment reading, the dbt
 * assets and `runAssetMain`. Knows nothing about any source.
 * The executor, run storage, planner, Airflow compiler, CLI and UI server stay internal; tests and
 * benchmarks reach what they drive through `@voyager/orchestration/testing`.
 */
export {
  asset,
  type AssetConfig,
  type AssetDefinition,
  type AssetDep,
  type AssetResources,
  type MaterializeResult,
  type RetryPolicy,
  AssetDefinitionError,
} from './assets/asset.js';
export {
  check,
  type CheckContext,
  type CheckResult,
  type AssetCheckDefinition,
  type AssetCheckConfig,
} from './assets/check.js';
export {
  definitions,
  type Definitions,
  type DefinitionsConfig,
  DefinitionsError,
} from './assets/definitions.js';
export type { DevServiceDefinition, RunningDevService } from './assets/dev-service.js';
export { image, type ImageDefinition, type ImageSecret } from './assets/image.js';
export type { JsonValue, Metadata } from './assets/json.js';
export type { ImporterContext, ImportSummary, ImporterDefinition } from './assets/importer.js';
export {
  daily,
  hourly,
  staticPartitions,
  type Partition,
  type PartitionsDefinition,
  type StepPartition,
  type PartitionWindow,
  type TimeWindowPartitionsOptions,
  PartitionError,
} from './assets/partitions.js';
export { schedule, type ScheduleDefinition } from './assets/schedule.js';
export type { BackfillPolicy } from './assets/backfill-policy.js';
export type { MissingPartitionsContext } from './context/missing-partitions-context.js';
export {
  type AssetContext,
  type AssetState,
  type Secrets,
  MissingSecretError,
} from './context/asset-context.js';
export type { Logger } from './context/logger.js';
export { type ObjectStore, type StoredObject, ObjectNotFoundError } from './object-store/object-store.js';
export { LocalObjectStore } from './object-store/local-object-store.js';
export { openObjectStore } from './object-store/open-object-store.js';
export { loadConfig, type VoyagerConfig, VoyagerEnvironment } from './config/environment.js';
export { ConfigError, readEnvironment, type EnvironmentSource } from './config/read-environment.js';
export { runMigrations, type MigrationOptions } from './run-storage/migrate.js';
export {
  writeLandingBatch,
  LandingBatchWriter,
  type LandingBatchOptions,
} from './landing/landing-batch-writer.js';
export { LandingManifest, type StoredLandingManifest } from './landing/manifest.js';
export {
  readLandingManifests,
  byCommitOrder,
  LandingManifestError,
} from './landing/read-landing-manifests.js';
export {
  readLandingObject,
  type ReadLandingObjectOptions,
  type LandingRecord,
  ndjsonLines,
  type NdjsonLines,
  isCorruptObject,
  ObjectChecksumError,
  LandingLineError,
} from './landing/read-landing-object.js';
export { externalAsset } from './assets/external-asset.js';
export {
  multiAsset,
  type AssetOutputConfig,
  type MultiAssetConfig,
  type MultiAssetDefinition,
  type MultiMaterializeResult,
} from './assets/multi-asset.js';
export { runAssetMain, type AssetMainOptions } from './container/asset-main.js';
export { loadDbtAssets, type DbtAssetsOptions, type DbtAssets } from './dbt/dbt-assets.js';
export { errorMessage } from './errors.js';
