/**
 * @voyager/orchestration: the asset SDK, graph, run storage, local executor and CLI.
 * Knows nothing about any source.
 */
export * from './assets/asset.js';
export * from './assets/check.js';
export * from './assets/definitions.js';
export type * from './assets/dev-service.js';
export * from './assets/image.js';
export type * from './assets/json.js';
export type * from './assets/importer.js';
export * from './assets/partitions.js';
export * from './assets/schedule.js';
export * from './context/asset-context.js';
export * from './context/logger.js';
export * from './graph/asset-graph.js';
export * from './graph/graph-error.js';
export * from './graph/selection.js';
export * from './object-store/object-store.js';
export * from './config/environment.js';
export * from './executor/step.js';
export * from './executor/materialize-step.js';
export * from './run-storage/migrate.js';
export * from './run-storage/run-storage.js';
export * from './runtime/embedded-postgres.js';
export * from './runtime/runtime.js';
export * from './object-store/local-object-store.js';
export * from './object-store/open-object-store.js';
export * from './object-store/s3-object-store.js';
export * from './landing/index.js';
export * from './assets/external-asset.js';
export * from './container/asset-main.js';
export * from './cli/cli-app.js';
export * from './graph/render-graph.js';
export * from './executor/events.js';
export * from './executor/executor.js';
export * from './executor/plan.js';
export * from './executor/process-step.js';
export * from './dbt/index.js';
export * from './airflow/index.js';
export * from './errors.js';
export * from './executor/ensure-built.js';
export * from './config/read-environment.js';
export * from './assets/multi-asset.js';
