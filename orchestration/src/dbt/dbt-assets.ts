import { dirname } from 'node:path';
import { asset, type AssetDefinition } from '../assets/asset.js';
import { topologicalSort } from '../graph/topological-sort.js';
import type { AssetCheckDefinition } from '../assets/check.js';
import type { ImageDefinition } from '../assets/image.js';
import { buildModel, targetSchemaOf } from './builtin-runner.js';
import { dbtTestCheck, sourceFreshnessCheck } from './dbt-checks.js';
import { findDbtExecutable, runDbtBuild } from './dbt-cli.js';
import { DbtProjectError } from './dbt-errors.js';
import { dbtImage } from './dbt-image.js';
import type { DbtModel, DbtProject } from './dbt-types.js';
import { readDbtProject } from './read-dbt-project.js';
import { modelRelation } from './relation.js';
import { ensureSchema } from './schema-lock.js';

/** Options of {@link loadDbtAssets}. */
export interface DbtAssetsOptions {
  /** The dbt project folder (holding dbt_project.yml), e.g. `<repo>/transformation`. */
  readonly projectDir: string;
  /** Assets that fill the project's sources, matched by `meta.voyager_asset` in sources.yml. */
  readonly upstream: readonly AssetDefinition[];
  /**
   * A source naming a Voyager asset that is not in `upstream`: `skip` (default) leaves out the
   * models reading it and everything downstream of them (listed in `skipped`), so a graph without,
   * say, streams still has its activity marts; `error` throws instead. A source table with
   * `meta.voyager_optional: true` (an enrichment whose raw table exists from the migrations on,
   * e.g. the weather) is read as it is when its asset is absent: its models stay, without the dep.
   */
  readonly missingUpstream?: 'error' | 'skip';
}

/** What {@link loadDbtAssets} returns. */
export interface DbtAssets {
  /** One asset per model, in dependency order. */
  readonly assets: readonly AssetDefinition[];
  /** The `dbt` image the assets run on. */
  readonly image: ImageDefinition;
  readonly project: DbtProject;
  /** Models left out because of `missingUpstream: 'skip'`, with the missing asset key. */
  readonly skipped: ReadonlyArray<{ readonly model: string; readonly missing: string }>;
}

/** The asset key of a model: `<top folder>/<model>`, e.g. `marts/fct_activities`. */
export function dbtAssetKey(model: DbtModel): string {
  return `${model.folder}/${model.name}`;
}

/** What a model waits for: its refs, and the models its tests read (a relationships test's parent). */
function upstreamModels(project: DbtProject, model: DbtModel): string[] {
  const read = project.tests
    .filter((t) => t.model === model.name)
    .flatMap((t) => t.reads.flatMap((r) => (r.kind === 'ref' && r.name !== model.name ? [r.name] : [])));
  return [...new Set([...model.refs, ...read])];
}

/** Models in dependency order (refs and test reads first, ties by name); the reader already refused unknown refs. */
function topoOrder(project: DbtProject): DbtModel[] {
  const sorted = topologicalSort([...project.models.values()], {
    id: (m) => m.name,
    upstream: (m) => upstreamModels(project, m),
    compare: (a, b) => a.name.localeCompare(b.name),
  });
  if (sorted.cycle.length > 0) {
    const first = project.models.get(sorted.cycle[0]!)!;
    throw new DbtProjectError(`cycle through refs and tests: ${sorted.cycle.join(' -> ')}`, first.path);
  }
  return [...sorted.order];
}

/**
 * Reads the dbt project and declares one asset per model (the dagster-dbt / Cosmos model):
 * key `<folder>/<model>`, group = folder, image `dbt`, tags `{ kind: 'dbt', dbt_model,
 * dbt_folder, materialized }`; deps from `ref()`, from `source()` through `meta.voyager_asset`,
 * and from what its tests read (a relationships test's parent); checks from its dbt tests
 * (blocking when severity `error`) and its sources' freshness (warn only).
 *
 * Materializing runs real dbt (`dbt build --select <model> --indirect-selection cautious`, after
 * creating the model's schema under the advisory lock the built-in runner takes) when an executable
 * is found ({@link findDbtExecutable}: `DBT_BIN`, the project's `.tools/dbt/bin/dbt`, `dbt` on
 * PATH; `VOYAGER_DBT_RUNNER=builtin` forces the built-in runner), else the built-in runner. Each
 * model step is retried (3 attempts, 5 s apart) like the other assets.
 *
 * ### Examples
 * ```ts
 * const { assets, image } = await loadDbtAssets({ projectDir: join(root, 'transformation'), upstream: loadAssets });
 * ```
 *
 * @throws DbtProjectError for an unreadable project, a ref cycle, or (with `missingUpstream: 'error'`) a source whose `voyager_asset` is not in `upstream`.
 */
export async function loadDbtAssets(options: DbtAssetsOptions): Promise<DbtAssets> {
  const project = await readDbtProject(options.projectDir);
  const upstream = new Map(options.upstream.map((a) => [a.key, a]));
  const built = new Map<string, AssetDefinition>();
  const skipped: Array<{ model: string; missing: string }> = [];
  for (const model of topoOrder(project)) {
    const deps = new Map<string, AssetDefinition>();
    let missing: string | undefined;
    for (const r of model.refs) {
      const dep = built.get(r);
      if (dep) deps.set(dep.key, dep);
      else missing ??= skipped.find((s) => s.model === r)?.missing;
    }
    const tables = model.sources.map(([s, t]) =>
      project.sources.find((x) => x.sourceName === s && x.name === t)!,
    );
    for (const table of tables) {
      for (const key of voyagerAssetsOf(table.meta)) {
        const dep = upstream.get(key);
        if (dep) deps.set(dep.key, dep);
        // an optional source's table exists without its assets (migrations): read as it is
        else if (table.meta.voyager_optional === true) continue;
        else if (options.missingUpstream !== 'error') missing ??= key;
        else
          throw new DbtProjectError(
            `source ${table.sourceName}.${table.name} names voyager_asset "${key}", which is not among the upstream assets`,
            table.path,
          );
      }
    }
    if (missing !== undefined) {
      skipped.push({ model: model.name, missing });
      continue;
    }
    // a test reading a model that was left out cannot run
    const tests = project.tests.filter(
      (t) => t.model === model.name && t.reads.every((r) => r.kind === 'source' || built.has(r.name)),
    );
    for (const t of tests) {
      for (const read of t.reads) {
        const dep = read.kind === 'ref' ? built.get(read.name) : undefined;
        if (dep) deps.set(dep.key, dep);
      }
    }
    const checks: AssetCheckDefinition[] = tests.map((t) => dbtTestCheck(t, project));
    for (const table of tables) {
      const freshness = sourceFreshnessCheck(table);
      if (freshness && !checks.some((c) => c.name === freshness.name)) checks.push(freshness);
    }
    built.set(model.name, modelAsset(project, model, [...deps.values()], checks));
  }
  return { assets: [...built.values()], image: dbtImage, project, skipped };
}

function modelAsset(
  project: DbtProject,
  model: DbtModel,
  deps: AssetDefinition[],
  checks: AssetCheckDefinition[],
): AssetDefinition {
  // the source tables whose tests run in this model's step
  const sourceSelectors = [
    ...new Set(
      project.tests
        .filter((t) => t.model === model.name && t.source !== undefined)
        .map((t) => `source:${t.source!.source}.${t.source!.table}`),
    ),
  ];
  return asset({
    key: dbtAssetKey(model),
    description: model.description || `dbt model ${model.name}`,
    image: dbtImage.name,
    group: model.folder,
    deps,
    checks,
    // as the other assets: a lost connection or a lock timeout is worth another attempt; project
    // and unsupported-Jinja errors are not retried (retryable = false)
    retry: { maxAttempts: 3, backoffSeconds: 5 },
    tags: { kind: 'dbt', dbt_model: model.name, dbt_folder: model.folder, materialized: model.materialized },
    async materialize(ctx) {
      const targetSchema = targetSchemaOf(ctx.env);
      const executable = await findDbtExecutable(
        ctx.env,
        ctx.env.VOYAGER_PROJECT_DIR || dirname(project.dir),
      );
      if (executable !== undefined) {
        const databaseUrl = ctx.env.VOYAGER_DATABASE_URL;
        if (!databaseUrl)
          throw new DbtProjectError('VOYAGER_DATABASE_URL is not set: real dbt needs the warehouse URL');
        // dbt creates schemas without a lock: parallel steps on an empty warehouse would race (23505)
        await ensureSchema(ctx.warehouse, modelRelation(model, targetSchema).schema);
        ctx.log.info({ executable, model: model.name }, 'dbt build');
        const metadata = await runDbtBuild({
          executable,
          projectDir: project.dir,
          model: model.name,
          alsoSelect: sourceSelectors,
          databaseUrl,
          env: ctx.env,
          log: ctx.log,
          signal: ctx.signal,
        });
        return { metadata: { ...metadata, target_schema: targetSchema } };
      }
      const metadata = await buildModel(project, model, {
        warehouse: ctx.warehouse,
        env: ctx.env,
        log: ctx.log,
        targetSchema,
      });
      ctx.log.info({ model: model.name, ...metadata }, 'dbt model built (built-in runner)');
      return { metadata: { runner: 'builtin', ...metadata, target_schema: targetSchema } };
    },
  });
}

/** The Voyager asset keys the project's sources name in `meta.voyager_asset`, sorted. */
export function sourceAssetKeys(project: DbtProject): string[] {
  return [...new Set(project.sources.flatMap((s) => voyagerAssetsOf(s.meta)))].sort();
}

/**
 * The Voyager assets a source table's `meta.voyager_asset` names: one key, or a list when several
 * assets write the table (e.g. `raw.strava_activities`: the load, and the deletions that flag rows).
 */
export function voyagerAssetsOf(meta: Readonly<Record<string, unknown>>): string[] {
  const value = meta.voyager_asset;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((k): k is string => typeof k === 'string');
  return [];
}
