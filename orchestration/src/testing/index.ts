/**
 * `@voyager/orchestration/testing`: opt-in helpers for tests and benchmarks. Test runtimes, free
 * ports, Python tools, moto, the shared data folder, and the parts of the engine a test drives
 * directly (runtime, executor, Airflow compiler, dbt project reader). Not for definitions.
 */
export { freePort } from './free-port.js';
export { createTestRuntime, runAssetOnce, runImporterOnce, type TestRuntime } from './test-runtime.js';
export { requirePythonTool } from './python-tools.js';
export { sharedData } from './shared-data.js';
export {
  requireMotoServer,
  startMotoServer,
  type MotoServer,
  type MotoServerOptions,
} from './moto-server.js';
export { generatedDefinitions, type GeneratedGraphOptions } from './generated-graph.js';
export { environmentTable, type EnvironmentSection } from '../config/environment-table.js';
export { createLogger, type LoggerOptions } from '../context/logger.js';
export { environmentSecrets } from '../executor/materialize-step.js';
export { openRuntime, type Runtime, type RuntimeOptions } from '../runtime/runtime.js';
export { executeRun, type ExecuteRunOptions, type RunResult } from '../executor/executor.js';
export { S3ObjectStore, type S3ObjectStoreOptions } from '../object-store/s3-object-store.js';
export { renderGraph, type GraphFormat } from '../graph/render-graph.js';
export { compileDags } from '../airflow/compile-dags.js';
export type { CompileDagsOptions } from '../airflow/compile-options.js';
export { writeDagFiles, type WriteDagFilesResult } from '../airflow/write-dag-files.js';
export { dbtProfileEnv } from '../dbt/dbt-cli.js';
export { readDbtProject } from '../dbt/read-dbt-project.js';
export { renderTemplate } from '../dbt/render.js';
export type { DbtProject } from '../dbt/dbt-types.js';
export { modelRelation, type Relation } from '../dbt/relation.js';
export { checkNames, type ManifestNode } from '../dbt/dbt-results.js';
export { martRows } from '../ui-server/marts.js';
