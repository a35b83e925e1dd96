import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isJsonObject, type JsonValue } from '../assets/json.js';
import { DbtProjectError } from './dbt-errors.js';
import { staticConfig, staticRefs, staticSources } from './jinja-static.js';
import { assertRepresentableProject, assertRepresentableYaml } from './project-limits.js';
import { readMacros } from './read-macros.js';
import { readSources } from './read-sources.js';
import { declaredTests, snakeName } from './read-yaml-tests.js';
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

/**
 * A source test runs in the step of the first model (by name) that reads its source table, the
 * step that waits for the asset filling the table.
 * @throws DbtProjectError naming the file when no model reads the table (no step could run it).
 */
function attachSourceTest(test: DbtTest, models: ReadonlyMap<string, DbtModel>): DbtTest {
  const { source, table } = test.source!;
  const reader = [...models.values()]
    .filter((m) => m.sources.some(([s, t]) => s === source && t === table))
    .sort((a, b) => a.name.localeCompare(b.name))[0];
  if (reader === undefined)
    throw new DbtProjectError(
      `test ${test.name} is on source ${source}.${table}, which no model reads, so no step would run it`,
      test.path,
    );
  return { ...test, model: reader.name };
}

/**
 * Reads a dbt project from its files, without dbt: `dbt_project.yml`, every model's `.sql` and
 * `.yml` under the model paths, `sources:` blocks, singular tests under the test paths and the
 * `{% macro %}` blocks under the macro paths.
 * Models with `enabled: false` are left out. Tests on source tables become checks of the first
 * model reading the table. What it does not represent (seeds, snapshots, packages, hooks, unit
 * tests, versions, constraints...) is refused rather than ignored.
 *
 * @param dir the folder holding `dbt_project.yml` (e.g. `<repo>/transformation`).
 * @throws DbtProjectError naming the file for bad YAML, a duplicate model, a ref to an unknown
 *   model, a source that sources.yml does not declare, a test on an unknown model or on a source no
 *   model reads, a `.yml` model without `.sql`, or a part of dbt the reader does not represent.
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
  const sourceTests: DbtTest[] = [];
  await assertRepresentableProject(root, project);
  for (const mp of modelPaths) {
    const modelDir = join(root, mp);
    for (const file of await walk(modelDir, /\.sql$/)) sqlFiles.push({ file, modelDir });
    for (const file of await walk(modelDir, /\.ya?ml$/)) {
      const path = relative(root, file);
      const doc = await readYaml(root, file);
      assertRepresentableYaml(doc, path);
      try {
        const declared = readSources(doc, path, defaultSeverity);
        sources.push(...declared.tables);
        sourceTests.push(...declared.tests);
        for (const m of Array.isArray(doc.models) ? doc.models : []) {
          if (!isObj(m) || typeof m.name !== 'string')
            throw new DbtProjectError('a models: entry has no name', path);
          if (ymlEntries.has(m.name))
            throw new DbtProjectError(
              `model ${m.name} is also described in ${ymlEntries.get(m.name)!.path}`,
              path,
            );
          ymlEntries.set(m.name, { entry: m, path });
          tests.push(...declaredTests(m, { kind: 'model', name: m.name }, path, defaultSeverity));
        }
      } catch (error) {
        if (error instanceof DbtProjectError) throw error;
        throw new DbtProjectError((error as Error).message, path);
      }
    }
  }

  const models = new Map<string, DbtModel>();
  const disabled = new Set<string>();
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
    if (config.enabled === false) {
      disabled.add(modelName);
      continue;
    }
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
  for (const [name, { path }] of ymlEntries) {
    if (!models.has(name) && !disabled.has(name))
      throw new DbtProjectError(`model ${name} is described but has no .sql file`, path);
  }
  // as dbt: the tests of a disabled model are disabled with it
  const kept = tests.filter((t) => !disabled.has(t.model));
  tests.splice(0, tests.length, ...kept, ...sourceTests.map((t) => attachSourceTest(t, models)));
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
  const macroPaths = (Array.isArray(project['macro-paths']) ? project['macro-paths'] : ['macros']).map(
    String,
  );
  const macros = await readMacros(root, macroPaths);
  return Object.freeze({ dir: root, name, models, sources, tests, vars, macros });
}
