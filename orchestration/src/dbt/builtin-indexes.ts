import type { PoolClient } from 'pg';
import type { JsonValue } from '../assets/json.js';
import { UnsupportedJinjaError } from './dbt-errors.js';
import type { DbtModel } from './dbt-types.js';
import { quoteIdent } from './relation.js';

/** One entry of dbt-postgres's `indexes` model config: the columns, `unique`, the access method. */
export interface ModelIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** `btree`, `hash`, `gist`...; undefined: Postgres's default (btree). */
  readonly type?: string;
}

const KEYS = new Set(['columns', 'unique', 'type']);

const isObject = (v: JsonValue): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `indexes` config of a table or incremental model, as dbt-postgres reads it:
 * `config(indexes=[{'columns': ['activity_id'], 'unique': false, 'type': 'btree'}])`.
 * https://docs.getdbt.com/reference/resource-configs/postgres-configs#indexes
 *
 * @throws UnsupportedJinjaError for an entry without `columns`, with another key, or on a view.
 */
export function indexesOf(model: DbtModel): ModelIndex[] {
  const raw = model.config.indexes;
  if (raw === undefined || raw === null) return [];
  const refuse = (detail: string): never => {
    throw new UnsupportedJinjaError(model.path, 1, `config indexes: ${detail}`);
  };
  if (model.materialized === 'view') refuse('a view has no indexes');
  if (!Array.isArray(raw)) return refuse('not a list');
  return raw.map((entry) => {
    if (!isObject(entry)) return refuse(`${JSON.stringify(entry)} is not a dict`);
    for (const key of Object.keys(entry)) if (!KEYS.has(key)) refuse(`unknown key ${key}`);
    const { columns, unique, type } = entry;
    if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string'))
      return refuse('columns must be a non-empty list of column names');
    if (type !== undefined && (typeof type !== 'string' || !/^[a-z]+$/.test(type)))
      return refuse(`type ${JSON.stringify(type)}`);
    return { columns: columns as string[], unique: unique === true, type: type as string | undefined };
  });
}

/**
 * Creates the model's indexes on `target` (a freshly built table), unnamed: Postgres picks a free
 * name, so the table swapped out by the runner never clashes. dbt-postgres likewise creates them
 * after a table or the first (or full-refresh) build of an incremental model, not on merges.
 */
export async function createIndexes(
  client: PoolClient,
  target: string,
  indexes: readonly ModelIndex[],
): Promise<void> {
  for (const index of indexes) {
    const using = index.type === undefined ? '' : ` using ${index.type}`;
    const columns = index.columns.map(quoteIdent).join(', ');
    await client.query(`create ${index.unique ? 'unique ' : ''}index on ${target}${using} (${columns})`);
  }
}
