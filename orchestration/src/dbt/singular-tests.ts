import { basename } from 'node:path';
import { DbtProjectError } from './dbt-errors.js';
import type { DbtModel, DbtTest } from './dbt-types.js';
import { staticConfig, staticRefs, staticSources } from './jinja-static.js';
import { snakeName } from './read-yaml-tests.js';

/** True when `ancestor` is upstream of `model` through refs. */
function isUpstream(
  ancestor: string,
  model: string,
  models: ReadonlyMap<string, DbtModel>,
  seen = new Set<string>(),
): boolean {
  for (const r of models.get(model)?.refs ?? []) {
    if (r === ancestor) return true;
    if (!seen.has(r)) {
      seen.add(r);
      if (isUpstream(ancestor, r, models, seen)) return true;
    }
  }
  return false;
}

/**
 * A singular test (`tests/<name>.sql`: a query returning the failing rows) as a check of the
 * model it tests: the one of its refs that every other ref is upstream of (so all it reads is
 * built), else its last ref. Its other refs and sources become what the test reads.
 *
 * @throws DbtProjectError when the test refs no model or an unknown one.
 */
export function attachSingularTest(
  path: string,
  rawSql: string,
  models: ReadonlyMap<string, DbtModel>,
  defaultSeverity: 'error' | 'warn',
): DbtTest {
  const refs = staticRefs(rawSql);
  if (refs.length === 0) throw new DbtProjectError('a singular test must ref() the model it tests', path);
  for (const r of refs) if (!models.has(r)) throw new DbtProjectError(`ref('${r}') names no model`, path);
  const model =
    refs.find((m) => refs.every((o) => o === m || isUpstream(o, m, models))) ?? refs[refs.length - 1]!;
  const config = staticConfig(rawSql);
  const severity = String(config.severity ?? defaultSeverity).toLowerCase() === 'warn' ? 'warn' : 'error';
  return {
    name: snakeName(basename(path, '.sql')),
    kind: 'singular',
    model,
    column: undefined,
    args: {},
    config,
    severity,
    reads: [
      ...refs.filter((r) => r !== model).map((name) => ({ kind: 'ref' as const, name })),
      ...staticSources(rawSql).map(([source, table]) => ({ kind: 'source' as const, source, table })),
    ],
    path,
    rawSql,
  };
}
