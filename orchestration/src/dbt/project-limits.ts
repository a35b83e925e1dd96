import { access, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isJsonObject, type JsonValue } from '../assets/json.js';
import { DbtProjectError } from './dbt-errors.js';

type Obj = Record<string, JsonValue>;
const isObj = isJsonObject;

/*
 * What the project reader represents, and nothing else: a key it would not act on is an error
 * naming the file, never a silent drop (a test or a source no step runs). Keys from dbt's property
 * docs: https://docs.getdbt.com/reference/model-properties, /source-properties, /column-properties.
 */
const TOP_KEYS = new Set(['version', 'models', 'sources']);
const MODEL_KEYS = new Set(['name', 'description', 'config', 'columns', 'data_tests', 'tests', 'docs']);
const COLUMN_KEYS = new Set(['name', 'description', 'data_tests', 'tests', 'data_type', 'meta', 'tags']);
const SOURCE_KEYS = new Set([
  'name',
  'description',
  'schema',
  'loader',
  'loaded_at_field',
  'freshness',
  'meta',
  'tags',
  'config',
  'tables',
]);
const TABLE_KEYS = new Set([
  'name',
  'identifier',
  'description',
  'meta',
  'tags',
  'config',
  'columns',
  'data_tests',
  'tests',
  'freshness',
  'loaded_at_field',
]);

function refuse(keys: Iterable<string>, allowed: ReadonlySet<string>, where: string, path: string): void {
  for (const key of keys) {
    if (!allowed.has(key)) {
      throw new DbtProjectError(
        `${where} has "${key}:", which Voyager's project reader does not represent (it reads ${[...allowed].join(', ')}); remove it or run the project with dbt only`,
        path,
      );
    }
  }
}

/**
 * Refuses the parts of a properties `.yml` the reader does not represent: top-level keys other than
 * `models` and `sources` (seeds, snapshots, exposures, unit_tests, semantic models...), model keys
 * such as `versions` or `constraints`, column keys such as `constraints` or `quote`, source keys
 * such as `database`, `quoting` or `external`.
 *
 * @throws DbtProjectError naming the file and the key.
 */
export function assertRepresentableYaml(doc: Obj, path: string): void {
  refuse(Object.keys(doc), TOP_KEYS, 'the file', path);
  for (const m of Array.isArray(doc.models) ? doc.models : []) {
    if (!isObj(m)) throw new DbtProjectError('a models: entry is not a mapping', path);
    refuse(Object.keys(m), MODEL_KEYS, `model ${String(m.name)}`, path);
    for (const c of Array.isArray(m.columns) ? m.columns : []) {
      if (isObj(c)) refuse(Object.keys(c), COLUMN_KEYS, `column ${String(m.name)}.${String(c.name)}`, path);
    }
  }
  for (const s of Array.isArray(doc.sources) ? doc.sources : []) {
    if (!isObj(s)) throw new DbtProjectError('a sources: entry is not a mapping', path);
    refuse(Object.keys(s), SOURCE_KEYS, `source ${String(s.name)}`, path);
    for (const t of Array.isArray(s.tables) ? s.tables : []) {
      if (!isObj(t)) continue;
      refuse(Object.keys(t), TABLE_KEYS, `source table ${String(s.name)}.${String(t.name)}`, path);
      for (const c of Array.isArray(t.columns) ? t.columns : []) {
        if (isObj(c))
          refuse(
            Object.keys(c),
            COLUMN_KEYS,
            `column ${String(s.name)}.${String(t.name)}.${String(c.name)}`,
            path,
          );
      }
    }
  }
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Refuses project-level parts the reader does not represent: package dependencies
 * (`packages.yml`, `dependencies.yml`), `on-run-start` / `on-run-end` hooks, and seeds or
 * snapshots folders.
 *
 * @throws DbtProjectError naming the file.
 */
export async function assertRepresentableProject(root: string, project: Obj): Promise<void> {
  for (const file of ['packages.yml', 'dependencies.yml']) {
    if (await exists(join(root, file)))
      throw new DbtProjectError('dbt packages are not read by Voyager; run the project with dbt only', file);
  }
  for (const hook of ['on-run-start', 'on-run-end']) {
    if (hook in project)
      throw new DbtProjectError(`"${hook}:" hooks are not run by Voyager's model steps`, 'dbt_project.yml');
  }
  for (const [key, fallback] of [
    ['seed-paths', 'seeds'],
    ['snapshot-paths', 'snapshots'],
  ] as const) {
    const paths: string[] = Array.isArray(project[key]) ? project[key].map(String) : [fallback];
    for (const p of paths) {
      const files = await readdir(join(root, p), { recursive: true }).catch(() => []);
      if (files.some((f) => /\.(sql|csv|ya?ml)$/.test(f)))
        throw new DbtProjectError(
          `${key.split('-')[0]}s are not read by Voyager's project reader`,
          relative(root, join(root, p)),
        );
    }
  }
}
