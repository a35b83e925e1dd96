import { isJsonObject, type JsonValue } from '../assets/json.js';
import type { DbtSourceTable, DbtTest } from './dbt-types.js';
import { declaredTests } from './read-yaml-tests.js';

type Obj = Record<string, JsonValue>;
const isObj = isJsonObject;

/**
 * The `sources:` of one `.yml`: each table with its schema, identifier, meta and freshness, and the
 * generic tests declared on it (table-level and column-level; `model` is left `''` for the reader
 * to attach). https://docs.getdbt.com/reference/source-properties
 *
 * @throws Error for a malformed test entry (the caller adds the file name).
 */
export function readSources(
  doc: Obj,
  path: string,
  defaultSeverity: 'error' | 'warn',
): { tables: DbtSourceTable[]; tests: DbtTest[] } {
  const tables: DbtSourceTable[] = [];
  const tests: DbtTest[] = [];
  for (const s of Array.isArray(doc.sources) ? doc.sources : []) {
    if (!isObj(s)) continue;
    const sourceName = String(s.name);
    const sourceConfig = isObj(s.config) ? s.config : {};
    for (const t of Array.isArray(s.tables) ? s.tables : []) {
      if (!isObj(t)) continue;
      const tableConfig = isObj(t.config) ? t.config : {};
      // `freshness: null` on a table turns the source's expectation off, as in dbt
      const freshness =
        'freshness' in t
          ? t.freshness
          : 'freshness' in tableConfig
            ? tableConfig.freshness
            : (s.freshness ?? sourceConfig.freshness);
      const loadedAt =
        t.loaded_at_field ?? tableConfig.loaded_at_field ?? s.loaded_at_field ?? sourceConfig.loaded_at_field;
      tables.push({
        sourceName,
        name: String(t.name),
        schema: String(s.schema ?? sourceName),
        identifier: String(t.identifier ?? t.name),
        description: String(t.description ?? s.description ?? ''),
        meta: { ...(isObj(s.meta) ? s.meta : {}), ...(isObj(t.meta) ? t.meta : {}) },
        loadedAtField: typeof loadedAt === 'string' ? loadedAt : undefined,
        freshness: isObj(freshness) ? freshness : undefined,
        path,
      });
      const target = { kind: 'source', source: sourceName, table: String(t.name) } as const;
      tests.push(...declaredTests(t, target, path, defaultSeverity));
    }
  }
  return { tables, tests };
}
