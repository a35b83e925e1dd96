/** The Airflow compiler: asset graph -> DAG files, operator package, requirements and README. */
export * from './compile-dags.js';
export * from './compile-options.js';
export * from './dag-plan.js';
export type * from './generated-file.js';
export { assetUri, GENERATED_MARKER } from './render-dag.js';
export * from './write-dag-files.js';
