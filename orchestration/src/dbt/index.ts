/** The dbt integration: dbt models as assets, the built-in runner and the `dbt` image. */
export { buildModel, type BuildModelOptions } from './builtin-runner.js';
export * from './dbt-assets.js';
export { dbtTestCheck } from './dbt-checks.js';
export { dbtProfileEnv, findDbtExecutable, runDbtBuild, type DbtBuildOptions } from './dbt-cli.js';
export * from './dbt-errors.js';
export { readDbtResults, type DbtRunResult, type DbtTestOutcome } from './dbt-results.js';
export * from './dbt-image.js';
export type * from './dbt-types.js';
export * from './read-dbt-project.js';
export { Relation } from './relation.js';
export { renderTemplate, type RenderContext } from './render.js';
export * from './test-sql.js';
