import { isJsonObject, type JsonValue } from '../assets/json.js';
import type { DbtRelationRef, DbtTest } from './dbt-types.js';

type Obj = Record<string, JsonValue>;

const isObj = isJsonObject;

/** snake_case fragment of any text, keeping existing underscores: `(country || '-' || id)` -> `country_id`. */
export function snakeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `ref('x')` / `source('a', 'b')` as written in a relationships test's `to:`; undefined for anything else. */
export function parseRelationString(text: string): DbtRelationRef | undefined {
  const ref = /^\s*ref\(\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (ref) return { kind: 'ref', name: ref[1]! };
  const src = /^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$/.exec(text);
  if (src) return { kind: 'source', source: src[1]!, table: src[2]! };
  return undefined;
}

/** What a `.yml` test entry becomes before it is named. */
interface TestEntry {
  readonly kind: string;
  readonly args: Obj;
  readonly config: Obj;
  readonly explicitName: string | undefined;
}

/** One entry of `data_tests:` / `tests:`: `unique`, `{ accepted_values: { values } }` or the dbt 1.10 `{ x: { arguments, config } }`. */
function parseEntry(entry: JsonValue): TestEntry {
  if (typeof entry === 'string') return { kind: entry, args: {}, config: {}, explicitName: undefined };
  if (!isObj(entry))
    throw new Error(`a test must be a name or a one-key mapping, got ${JSON.stringify(entry)}`);
  const keys = Object.keys(entry);
  if (keys.length !== 1)
    throw new Error(`a test mapping must have exactly one key (the test name), got ${keys.join(', ')}`);
  const kind = keys[0]!;
  const body = entry[kind];
  const raw: Obj = isObj(body) ? { ...body } : {};
  const { arguments: nested, config, name, severity, where, ...rest } = raw;
  const args: Obj = { ...rest, ...(isObj(nested) ? nested : {}) };
  const cfg: Obj = { ...(isObj(config) ? config : {}) };
  if (severity !== undefined) cfg.severity ??= severity;
  if (where !== undefined) cfg.where ??= where;
  return { kind, args, config: cfg, explicitName: typeof name === 'string' ? name : undefined };
}

/**
 * The check name of a generic test, dbt-style: `<test>_<model>_<column>`, plus `__<field>__<parent>`
 * for relationships (`relationships_fct_activities_sport_type__sport_type__dim_sport_type`); a
 * test's own `name:` wins. Also used to match real dbt's test results (manifest.json) to checks.
 */
export function genericTestName(
  kind: string,
  args: Readonly<Record<string, JsonValue>>,
  model: string,
  column: string | undefined,
  explicitName?: string,
): string {
  if (explicitName) return snakeName(explicitName);
  const parts = [kind.split('.').pop()!, model];
  // an expression (`(a || '-' || b)`) names the test by its identifiers: `..._a_b`
  if (column !== undefined) {
    parts.push(
      column
        .replace(/[^A-Za-z0-9_]+/g, ' ')
        .trim()
        .replace(/\s+/g, '_'),
    );
  }
  if (kind === 'relationships') {
    const to = parseRelationString(String(args.to ?? ''));
    const target = to?.kind === 'ref' ? to.name : to?.kind === 'source' ? `${to.source}_${to.table}` : '';
    parts.push(`_${String(args.field ?? '')}`, `_${target}`);
  }
  return snakeName(parts.join('_')).replace(/_{3,}/g, '__');
}

/** What a `.yml` test list is declared on: a model, or a table of a source. */
export type DbtTestTarget =
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'source'; readonly source: string; readonly table: string };

/**
 * The generic tests declared on one model, or one source table, in a `.yml` (entry-level and
 * column-level `data_tests:` or the older `tests:` key). Entry-level tests take their column from
 * `column_name`. A source test is named as dbt names it (`source_unique_strava_activities_activity_id`),
 * carries its `source`, and has `model: ''` until the reader attaches it to the model that reads
 * the source.
 *
 * @throws Error for a malformed entry (the caller adds the file name).
 */
export function declaredTests(
  entry: Obj,
  target: DbtTestTarget,
  path: string,
  defaultSeverity: 'error' | 'warn',
): DbtTest[] {
  const owner = target.kind === 'model' ? target.name : `${target.source}.${target.table}`;
  const out: DbtTest[] = [];
  const add = (raw: JsonValue, column: string | undefined): void => {
    const parsed = parseEntry(raw);
    const col = column ?? (typeof parsed.args.column_name === 'string' ? parsed.args.column_name : undefined);
    const severityText = String(parsed.config.severity ?? defaultSeverity).toLowerCase();
    const to =
      parsed.kind === 'relationships' ? parseRelationString(String(parsed.args.to ?? '')) : undefined;
    if (parsed.kind === 'relationships' && to === undefined) {
      throw new Error(
        `relationships test on ${owner}.${col ?? '?'} needs to: ref('model') or source('s', 't')`,
      );
    }
    const name =
      target.kind === 'model'
        ? genericTestName(parsed.kind, parsed.args, target.name, col, parsed.explicitName)
        : parsed.explicitName
          ? snakeName(parsed.explicitName)
          : `source_${genericTestName(parsed.kind, parsed.args, `${target.source}_${target.table}`, col)}`;
    out.push({
      name,
      kind: parsed.kind,
      model: target.kind === 'model' ? target.name : '',
      ...(target.kind === 'source' ? { source: { source: target.source, table: target.table } } : {}),
      column: col,
      args: parsed.args,
      config: parsed.config,
      severity: severityText === 'warn' ? 'warn' : 'error',
      reads: to === undefined ? [] : [to],
      path,
    });
  };
  const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
  for (const t of [...list(entry.data_tests), ...list(entry.tests)]) add(t, undefined);
  for (const c of list(entry.columns)) {
    if (!isObj(c)) continue;
    for (const t of [...list(c.data_tests), ...list(c.tests)]) add(t, String(c.name));
  }
  return out;
}
