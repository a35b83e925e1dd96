import type { Pool, PoolClient, QueryResult } from 'pg';
import type { Logger } from 'pino';
import type { Metadata } from '../assets/json.js';
import { voyagerSetting } from '../config/environment.js';
import { DbtModelError, DbtProjectError, UnsupportedJinjaError } from './dbt-errors.js';
import type { DbtModel, DbtProject } from './dbt-types.js';
import { modelRelation, quoteIdent, type Relation } from './relation.js';
import { renderTemplate } from './render.js';
import { createSchemaLocked } from './schema-lock.js';
import { assertBuiltinModelConfig } from './builtin-limits.js';
import { createIndexes, indexesOf } from './builtin-indexes.js';

/** Options of {@link buildModel}. */
export interface BuildModelOptions {
  readonly warehouse: Pool;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  /** Schema of models without a `schema` config; default `VOYAGER_DBT_SCHEMA` or `public`. */
  readonly targetSchema?: string;
  /** Rebuild incremental models from scratch (dbt's `--full-refresh`); default `VOYAGER_DBT_FULL_REFRESH=true`. */
  readonly fullRefresh?: boolean;
}

/** True when `VOYAGER_DBT_FULL_REFRESH` asks for dbt's `--full-refresh` (`true` or `1`). */
export function fullRefreshOf(env: Readonly<Record<string, string | undefined>>): boolean {
  return voyagerSetting(env, 'VOYAGER_DBT_FULL_REFRESH');
}

/** The default target schema: `VOYAGER_DBT_SCHEMA`, else `public` (as profiles.yml). */
export function targetSchemaOf(env: Readonly<Record<string, string | undefined>>): string {
  return voyagerSetting(env, 'VOYAGER_DBT_SCHEMA');
}

async function relkind(client: PoolClient, rel: Relation): Promise<string | undefined> {
  const r = await client.query<{ relkind: string }>(
    `select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2`,
    [rel.schema, rel.identifier],
  );
  return r.rows[0]?.relkind;
}

const dropKind = (kind: string | undefined): string =>
  kind === 'v' ? 'view' : kind === 'm' ? 'materialized view' : 'table';

async function inTransaction<T>(
  pool: Pool,
  rel: Relation,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // one builder per relation at a time, and schema creation without races
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [String(rel)]);
    await createSchemaLocked(client, rel.schema);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function columnsOf(client: PoolClient, rel: Relation): Promise<string[]> {
  const r = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
    [rel.schema, rel.identifier],
  );
  return r.rows.map((row) => row.column_name);
}

/**
 * The model's post-hooks (`post_hook` in `config()`, `+post-hook` in dbt_project.yml): SQL strings
 * with Jinja, or lists of them. https://docs.getdbt.com/reference/resource-configs/pre-hook-post-hook
 */
function postHooksOf(model: DbtModel): string[] {
  const hooks: string[] = [];
  for (const value of [model.config['post-hook'], model.config.post_hook]) {
    if (value === undefined || value === null) continue;
    hooks.push(...(Array.isArray(value) ? value : [value]).map(String));
  }
  return hooks;
}

/** The strategies the built-in runner knows (`merge` is run as `delete+insert`). */
const STRATEGIES = new Set(['delete+insert', 'merge', 'append']);

/** `config(incremental_strategy=...)` of an incremental model, checked; default `delete+insert`. */
function incrementalStrategyOf(model: DbtModel): 'delete+insert' | 'append' {
  const raw = model.config.incremental_strategy;
  const strategy = raw === undefined || raw === null ? 'delete+insert' : String(raw);
  if (!STRATEGIES.has(strategy))
    throw new UnsupportedJinjaError(model.path, 1, `incremental_strategy="${strategy}"`);
  if (strategy === 'delete+insert' && raw !== undefined && model.uniqueKey.length === 0)
    throw new DbtProjectError(`incremental_strategy 'delete+insert' needs a unique_key`, model.path);
  return strategy === 'append' ? 'append' : 'delete+insert';
}

/**
 * Builds one model with the built-in runner, in one transaction:
 * - `view`: `create or replace view` (dropped and recreated when its columns changed);
 * - `table`: built as `<name>__voyager_tmp`, then swapped in by renames and the old one dropped,
 *   so readers see the old table or the new one, never a missing or half-built one;
 * - `incremental`: the first build (a relation of another kind, or a full refresh) builds the
 *   table as above; later builds render with `is_incremental()` true into a temp table, delete
 *   the rows whose `unique_key` is in it, and insert them (no `unique_key`: append). That is
 *   dbt's `incremental_strategy='delete+insert'`, also used for `merge` (the same rows result when
 *   the key is unique); `append` only inserts. With `delete+insert` the key need not be unique
 *   (`unique_key='activity_id'` replaces all of an activity's rows, dropping ones it no longer has).
 *
 * A table (or the first or full build of an incremental model) gets the `indexes` of its config
 * (dbt-postgres's, {@link indexesOf}) once built.
 *
 * The model's post-hooks (`config(post_hook=...)`, rendered like the model) run after it, in the
 * same transaction, as dbt runs them.
 *
 * Returns metadata: `relation`, `materialized`, `mode`, and the statements' own row counts, never
 * a `count(*)` (which reads the whole table, only for metadata): for a table or full build `rows`
 * (rows created, less and plus what the post-hooks deleted and inserted); for an incremental build
 * `rows_merged` (rows inserted) and `rows_deleted` (rows the merge and the post-hooks deleted);
 * nothing for a view, whose count would run its whole query.
 *
 * @throws UnsupportedJinjaError for Jinja outside the subset, an ephemeral model, another
 *   `incremental_strategy` or a config it would not apply as dbt does (pre-hooks, grants...); DbtProjectError for `delete+insert` without a `unique_key`;
 *   DbtModelError for SQL errors.
 */
export async function buildModel(
  project: DbtProject,
  model: DbtModel,
  options: BuildModelOptions,
): Promise<Metadata> {
  const targetSchema = options.targetSchema ?? targetSchemaOf(options.env);
  const rel = modelRelation(model, targetSchema);
  if (model.materialized === 'ephemeral')
    throw new UnsupportedJinjaError(model.path, 1, 'materialized="ephemeral"');
  assertBuiltinModelConfig(model);
  const render = (isIncremental: boolean, text = model.rawSql): string =>
    renderTemplate(text, model.path, {
      project,
      self: rel,
      isIncremental,
      env: options.env,
      targetSchema,
    })
      .trim()
      .replace(/;\s*$/, '');
  try {
    return await inTransaction(options.warehouse, rel, async (client) => {
      const built = await materialize(client);
      let [inserted, deleted] = [0, 0];
      for (const hook of postHooksOf(model)) {
        const done = await client.query(render(built.mode === 'incremental', hook));
        for (const result of Array.isArray(done) ? (done as QueryResult[]) : [done]) {
          if (result.command === 'DELETE') deleted += result.rowCount ?? 0;
          if (result.command === 'INSERT') inserted += result.rowCount ?? 0;
        }
      }
      if (typeof built.rows === 'number') return { ...built, rows: built.rows + inserted - deleted };
      if (typeof built.rows_merged === 'number' && typeof built.rows_deleted === 'number')
        return {
          ...built,
          rows_merged: built.rows_merged + inserted,
          rows_deleted: built.rows_deleted + deleted,
        };
      return built;
    });
  } catch (error) {
    if (error instanceof UnsupportedJinjaError || error instanceof DbtModelError) throw error;
    if ((error as Error).name === 'DbtProjectError') throw error;
    throw new DbtModelError((error as Error).message, model.name, { cause: error });
  }

  async function materialize(client: PoolClient): Promise<Metadata> {
    const existing = await relkind(client, rel);
    const target = String(rel);
    const base = { relation: target, materialized: model.materialized };
    if (model.materialized === 'view') {
      const sql = render(false);
      if (existing !== undefined && existing !== 'v')
        await client.query(`drop ${dropKind(existing)} ${target} cascade`);
      await client.query('savepoint replace_view');
      try {
        await client.query(`create or replace view ${target} as\n${sql}`);
      } catch {
        // columns renamed or retyped: Postgres cannot replace the view in place
        await client.query('rollback to savepoint replace_view');
        await client.query(`drop view if exists ${target} cascade`);
        await client.query(`create view ${target} as\n${sql}`);
      }
      // no row count: counting a view runs its whole query (all the stream points, for the
      // streams view), only for metadata
      return base;
    }
    const fullRefresh = options.fullRefresh ?? fullRefreshOf(options.env);
    const incremental = model.materialized === 'incremental' && existing === 'r' && !fullRefresh;
    if (!incremental) {
      const sql = render(false);
      const tmp = quoteIdent(`${rel.identifier}__voyager_tmp`);
      const backup = `${rel.identifier}__voyager_backup`;
      const schema = quoteIdent(rel.schema);
      await client.query(`drop table if exists ${schema}.${tmp}`);
      const created = await client.query(`create table ${schema}.${tmp} as\n${sql}`);
      if (existing !== undefined) {
        await client.query(`drop ${dropKind(existing)} if exists ${schema}.${quoteIdent(backup)} cascade`);
        await client.query(`alter ${dropKind(existing)} ${target} rename to ${quoteIdent(backup)}`);
      }
      await client.query(`alter table ${schema}.${tmp} rename to ${quoteIdent(rel.identifier)}`);
      if (existing !== undefined)
        await client.query(`drop ${dropKind(existing)} ${schema}.${quoteIdent(backup)} cascade`);
      await createIndexes(client, target, indexesOf(model));
      return { ...base, rows: created.rowCount ?? 0, mode: 'full' };
    }
    const strategy = incrementalStrategyOf(model);
    const sql = render(true);
    const tmp = quoteIdent(`${rel.identifier}__voyager_new`);
    const batch = await client.query(`create temporary table ${tmp} on commit drop as\n${sql}`);
    // the planner then knows the batch's size (a temp table is never auto-analyzed): a few keys
    // are deleted through an index on the key, not by scanning the table
    await client.query(`analyze ${tmp}`);
    const columns = (await columnsOf(client, rel)).map(quoteIdent).join(', ');
    let deleted = 0;
    if (strategy !== 'append' && model.uniqueKey.length > 0 && (batch.rowCount ?? 1) > 0) {
      const match = model.uniqueKey.map((k) => `t.${quoteIdent(k)} = s.${quoteIdent(k)}`).join(' and ');
      deleted =
        (await client.query(`delete from ${target} as t using ${tmp} as s where ${match}`)).rowCount ?? 0;
    }
    const merged = await client.query(`insert into ${target} (${columns}) select ${columns} from ${tmp}`);
    return { ...base, rows_merged: merged.rowCount ?? 0, rows_deleted: deleted, mode: 'incremental' };
  }
}
