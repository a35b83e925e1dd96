import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isJsonObject, type JsonValue } from '../assets/json.js';
import { DbtProjectError } from './dbt-errors.js';
import { staticConfig, staticRefs, staticSources } from './jinja-static.js';
import { modelTests, snakeName } from './read-yaml-tests.js';
import type { DbtMaterialization, DbtModel, DbtProject, DbtSourceTable, DbtTest } from './dbt-types.js';
import { attachSingularTest } from './singular-tests.js';

type Obj = Record<string, JsonValue>;
const isObj = isJsonObject;
const MATERIALIZATIONS: readonly DbtMaterialization[] = ['view', 'table', 'incremental', 'ephemeral'];

/** Files under `dir` whose name matches `ext`, in the order of a depth-first walk with sorted names. */
async function walk(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep));
  files.sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = a[i]!.localeCompare(b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  });
  return files.map((segments) => join(dir, ...segments));
}

async function readYaml(dir: string, file: string): Promise<Obj> {
  const rel = relative(dir, file);
  try {
    const doc: unknown = parseYaml(await readFile(file, 'utf8'));
    return isObj(doc) ? doc : {};
  } catch (error) {
    throw new DbtProjectError(`cannot read YAML: ${(error as Error).message}`, rel);
  }
}

/** Config of a model folder from `models:` of dbt_project.yml: `+key` entries (and scalar keys) along the path. */
function folderConfig(tree: JsonValue | undefined, segments: readonly string[]): Obj {
  const out: Obj = {};
  let node = tree;
  for (let i = 0; isObj(node); i++) {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('+')) out[k.slice(1)] = v;
      else if (!isObj(v)) out[k] = v;
    }
    if (i >= segments.length) break;
    node = node[segments[i]!];
  }
  return out;
}

function sourceTables(doc: Obj, path: string): DbtSourceTable[] {
  const out: DbtSourceTable[] = [];
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
      out.push({
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
    }
  }
  return out;
}

/**
 * Reads a dbt project from its files, without dbt: `dbt_project.yml`, every model's `.sql` and
 * `.yml` under the model paths, `sources:` blocks and singular tests under the test paths.
 * Models with `enabled: false` are left out.
 *
 * @param dir the folder holding `dbt_project.yml` (e.g. `<repo>/transformation`).
 * @throws DbtProjectError naming the file for bad YAML, a duplicate model, a ref to an unknown
 *   model, a source that sources.yml does not declare, or a test on an unknown model.
 */
export async function readDbtProject(dir: string): Promise<DbtProject> {
  const root = resolve(dir);
  const project = await readYaml(root, join(root, 'dbt_project.yml')).catch((error: unknown) => {
    if (error instanceof DbtProjectError && /ENOENT/.test(error.message)) {
      throw new DbtProjectError(`no dbt_project.yml in ${root}`);
    }
    throw error;
  });
  const name = String(project.name ?? 'dbt_project');
  const modelPaths = (Array.isArray(project['model-paths']) ? project['model-paths'] : ['models']).map(
    String,
  );
  const testPaths = (Array.isArray(project['test-paths']) ? project['test-paths'] : ['tests']).map(String);
  const modelsTree = isObj(project.models) ? project.models[name] : undefined;
  const testsTree = project.data_tests ?? project.tests;
  const testDefaults = folderConfig(isObj(testsTree) ? testsTree[name] : undefined, []);
  const defaultSeverity =
    String(testDefaults.severity ?? 'error').toLowerCase() === 'warn' ? 'warn' : 'error';

  const sqlFiles: Array<{ file: string; modelDir: string }> = [];
  const ymlEntries = new Map<string, { entry: Obj; path: string }>();
  const sources: DbtSourceTable[] = [];
  const tests: DbtTest[] = [];
  for (const mp of modelPaths) {
    const modelDir = join(root, mp);
    for (const file of await walk(modelDir, /\.sql$/)) sqlFiles.push({ file, modelDir });
    for (const file of await walk(modelDir, /\.ya?ml$/)) {
      const path = relative(root, file);
      const doc = await readYaml(root, file);
      sources.push(...sourceTables(doc, path));
      for (const m of Array.isArray(doc.models) ? doc.models : []) {
        if (!isObj(m) || typeof m.name !== 'string') continue;
        ymlEntries.set(m.name, { entry: m, path });
        try {
          tests.push(...modelTests(m, path, defaultSeverity));
        } catch (error) {
          throw new DbtProjectError((error as Error).message, path);
        }
      }
    }
  }

  const models = new Map<string, DbtModel>();
  for (const { file, modelDir } of sqlFiles) {
    const path = relative(root, file);
    const modelName = basename(file, '.sql');
    if (models.has(modelName)) throw new DbtProjectError(`two models are named ${modelName}`, path);
    const segments = relative(modelDir, file).split(sep).slice(0, -1);
    const rawSql = await readFile(file, 'utf8');
    const yml = ymlEntries.get(modelName)?.entry ?? {};
    let inline: Obj;
    try {
      inline = staticConfig(rawSql);
    } catch (error) {
      throw new DbtProjectError((error as Error).message, path);
    }
    const config: Obj = {
      ...folderConfig(modelsTree, segments),
      ...(isObj(yml.config) ? yml.config : {}),
      ...inline,
    };
    if (config.enabled === false) continue;
    const materialized = String(config.materialized ?? 'view') as DbtMaterialization;
    if (!MATERIALIZATIONS.includes(materialized)) {
      throw new DbtProjectError(
        `materialized "${materialized}" is not one of ${MATERIALIZATIONS.join(', ')}`,
        path,
      );
    }
    const key = config.unique_key;
    models.set(modelName, {
      name: modelName,
      folder: segments[0] ?? snakeName(basename(modelDir)),
      path,
      rawSql,
      description: String(yml.description ?? '').trim(),
      columns: (Array.isArray(yml.columns) ? yml.columns : []).filter(isObj).map((c) => ({
        name: String(c.name),
        description: String(c.description ?? '').trim(),
      })),
      config,
      materialized,
      schema: typeof config.schema === 'string' ? config.schema : undefined,
      uniqueKey: Array.isArray(key)
        ? key.map(String)
        : typeof key === 'string'
          ? key.split(',').map((k) => k.trim())
          : [],
      refs: staticRefs(rawSql),
      sources: staticSources(rawSql),
    });
  }

  for (const m of models.values()) {
    for (const r of m.refs)
      if (!models.has(r)) throw new DbtProjectError(`ref('${r}') names no model`, m.path);
    for (const [s, t] of m.sources) {
      if (!sources.some((x) => x.sourceName === s && x.name === t)) {
        throw new DbtProjectError(`source('${s}', '${t}') is not declared in any sources .yml`, m.path);
      }
    }
  }
  for (const t of tests) {
    if (!models.has(t.model))
      throw new DbtProjectError(`test ${t.name} is on unknown model ${t.model}`, t.path);
    for (const r of t.reads) {
      if (r.kind === 'ref' && !models.has(r.name)) {
        throw new DbtProjectError(`test ${t.name} reads ref('${r.name}'), which names no model`, t.path);
      }
    }
  }
  for (const tp of testPaths) {
    for (const file of await walk(join(root, tp), /\.sql$/)) {
      tests.push(
        attachSingularTest(relative(root, file), await readFile(file, 'utf8'), models, defaultSeverity),
      );
    }
  }
  const vars = isObj(project.vars) ? project.vars : {};
  return Object.freeze({ dir: root, name, models, sources, tests, vars });
}
