import type { JsonValue } from '../assets/json.js';
import { UnsupportedJinjaError } from './dbt-errors.js';
import type { DbtModel, DbtTest } from './dbt-types.js';

/**
 * Model config the built-in runner honours exactly as dbt does; anything else (pre-hooks, grants,
 * persist_docs, contracts, another database...) would be silently ignored, so it is refused.
 * https://docs.getdbt.com/reference/model-configs
 */
const MODEL_CONFIG = new Set([
  'materialized',
  'schema',
  'alias',
  'unique_key',
  'incremental_strategy',
  'enabled',
  'tags',
  'meta',
  'docs',
  'group',
  'access',
  // run by the built-in runner after the build, in its transaction, as dbt does
  'post_hook',
  'post-hook',
  // dbt-postgres's indexes, created after a table or a first or full incremental build
  'indexes',
]);

/** Test config the built-in checks honour: https://docs.getdbt.com/reference/data-test-configs */
const TEST_CONFIG = new Set(['severity', 'where', 'enabled', 'tags', 'meta']);

/** 1-based line of the first mention of `key` in `text`, else 1. */
function lineOf(text: string, key: string): number {
  const at = text.indexOf(key);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function refuse(
  config: Readonly<Record<string, JsonValue>>,
  allowed: ReadonlySet<string>,
  file: string,
  text: string,
): void {
  for (const [key, value] of Object.entries(config)) {
    // dbt's default for incremental models: new columns are ignored, as the built-in runner does
    if (key === 'on_schema_change' && value === 'ignore') continue;
    if (!allowed.has(key))
      throw new UnsupportedJinjaError(file, lineOf(text, key), `config ${key}=${JSON.stringify(value)}`);
  }
}

/**
 * Refuses a model whose config the built-in runner would not apply as dbt does.
 * @throws UnsupportedJinjaError naming the file, the line and "install dbt-core".
 */
export function assertBuiltinModelConfig(model: DbtModel): void {
  refuse(model.config, MODEL_CONFIG, model.path, model.rawSql);
}

/**
 * Refuses a test whose config the built-in check would not apply as dbt does (`store_failures`,
 * `limit`, `fail_calc`, `warn_if`, `error_if`...).
 * @throws UnsupportedJinjaError naming the file, the line and "install dbt-core".
 */
export function assertBuiltinTestConfig(test: DbtTest): void {
  refuse(test.config, TEST_CONFIG, test.path, test.rawSql ?? '');
}
