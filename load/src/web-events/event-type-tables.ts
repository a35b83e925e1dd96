import type { Pool } from 'pg';
import { qualifiedName, quoteIdent } from '../postgres/sql.js';

/** Prefix of the per-event-type tables in schema `raw`: `raw.web_event_post_created`. */
export const EVENT_TYPE_TABLE_PREFIX = 'web_event_';

/** Columns every per-event-type table has, before its property columns. */
const COMMON = [
  ['message_id', 'text primary key'],
  ['user_id', 'text'],
  ['anonymous_id', 'text'],
  ['event_at', 'timestamptz not null'],
  ['event_hour', 'timestamptz not null'],
  ['received_at', 'timestamptz'],
  ['properties', 'jsonb'],
  ['context', 'jsonb'],
  ['_loaded_at', 'timestamptz not null'],
] as const;
const COMMON_NAMES: ReadonlySet<string> = new Set(COMMON.map(([c]) => c));

/** What {@link refreshEventTypeTables} did. */
export interface EventTypeTablesResult {
  /** Every per-event-type table, `raw.web_event_<name>`. */
  readonly tables: string[];
  /** Tables created by this run (a new event type). */
  readonly newTables: string[];
  /** Columns added by this run, `table.column` (a new property). */
  readonly newColumns: string[];
  /** Rows inserted or changed. */
  readonly rows: number;
}

/** Postgres type of a property from the JSON types its values had (`jsonb_typeof`, nulls left out). */
function columnType(types: readonly string[]): 'double precision' | 'boolean' | 'text' | 'jsonb' {
  const kinds = types.filter((t) => t !== 'null');
  if (kinds.length === 1 && kinds[0] === 'number') return 'double precision';
  if (kinds.length === 1 && kinds[0] === 'boolean') return 'boolean';
  if (kinds.length <= 1 && (kinds[0] ?? 'string') === 'string') return 'text';
  return 'jsonb';
}

/** A property key as a column name: snake_case, `[a-z0-9_]`, not one of the common columns. */
export function propertyColumn(key: string): string {
  let name = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  if (!/^[a-z]/.test(name)) name = `p_${name}`;
  return COMMON_NAMES.has(name) ? `${name}_property` : name;
}

/** The value of property `key` of `src` (jsonb) cast to `type`; a value of another JSON type gives null. */
function valueSql(src: string, key: string, type: string): string {
  const k = `'${key.replaceAll("'", "''")}'`;
  if (type === 'double precision')
    return `case when jsonb_typeof(${src}->${k}) = 'number' then (${src}->>${k})::double precision end`;
  if (type === 'boolean')
    return `case when jsonb_typeof(${src}->${k}) = 'boolean' then (${src}->>${k})::boolean end`;
  if (type === 'text') return `${src}->>${k}`;
  return `${src}->${k}`;
}

/**
 * Builds one table per event type from `raw.web_events`: `raw.web_event_<event_table>` with the
 * common columns and one typed column per property (per trait for identifies): `double precision`
 * when every value seen is a number, `boolean` when every one is a boolean, `text` for strings,
 * else `jsonb`. A new event type creates its table and a new property adds its column, with no
 * code change; a column keeps the type it was created with (a later value of another JSON type
 * is null there, and stays in `properties`). Rows are upserted by `message_id`.
 */
export async function refreshEventTypeTables(pool: Pool): Promise<EventTypeTablesResult> {
  const { rows: props } = await pool.query<{
    event_table: string;
    key: string | null;
    types: string[] | null;
  }>(
    `select e.event_table, p.key, array_agg(distinct jsonb_typeof(p.value)) as types
       from raw.web_events e
       left join lateral jsonb_each(case when jsonb_typeof(case when e.type = 'identify' then e.traits else e.properties end) = 'object'
                                         then case when e.type = 'identify' then e.traits else e.properties end else '{}'::jsonb end) p on true
      group by 1, 2 order by 1, 2`,
  );
  const byTable = new Map<string, Map<string, { column: string; type: string }>>();
  for (const p of props) {
    const columns = byTable.get(p.event_table) ?? new Map<string, { column: string; type: string }>();
    byTable.set(p.event_table, columns);
    if (p.key === null) continue;
    const column = propertyColumn(p.key);
    if (![...columns.values()].some((c) => c.column === column))
      columns.set(p.key, { column, type: columnType(p.types ?? []) });
  }
  const result = { tables: [] as string[], newTables: [] as string[], newColumns: [] as string[], rows: 0 };
  for (const [eventTable, properties] of byTable) {
    const name = `${EVENT_TYPE_TABLE_PREFIX}${eventTable}`;
    const target = qualifiedName('raw', name);
    result.tables.push(`raw.${name}`);
    const existing = await pool.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = $1`,
      [name],
    );
    if (existing.rowCount === 0) {
      await pool.query(
        `create table if not exists ${target} (${COMMON.map(([c, t]) => `${quoteIdent(c)} ${t}`).join(', ')})`,
      );
      result.newTables.push(`raw.${name}`);
    }
    const have = new Map(existing.rows.map((r) => [r.column_name, r.data_type]));
    for (const { column, type } of properties.values()) {
      if (have.has(column)) continue;
      await pool.query(`alter table ${target} add column if not exists ${quoteIdent(column)} ${type}`);
      have.set(column, type);
      if (existing.rowCount !== 0) result.newColumns.push(`raw.${name}.${column}`);
    }
    const src = `(case when e.type = 'identify' then e.traits else e.properties end)`;
    const propertyColumns = [...properties].map(([key, { column }]) => ({
      key,
      column,
      type: have.get(column)!,
    }));
    const columns = [
      'message_id',
      'user_id',
      'anonymous_id',
      'event_at',
      'event_hour',
      'received_at',
      'properties',
      'context',
      '_loaded_at',
      ...propertyColumns.map((p) => p.column),
    ].map(quoteIdent);
    const values = [
      'e.message_id',
      'e.user_id',
      'e.anonymous_id',
      'e.event_at',
      `date_trunc('hour', e.event_at at time zone 'UTC') at time zone 'UTC'`,
      'e.received_at',
      `${src}`,
      'e.context',
      'e._loaded_at',
      ...propertyColumns.map((p) => valueSql(src, p.key, p.type)),
    ];
    const updates = columns
      .filter((c) => c !== '"message_id"')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    const inserted = await pool.query(
      `insert into ${target} as t (${columns.join(', ')})
       select ${values.join(', ')} from raw.web_events e where e.event_table = $1
       on conflict (message_id) do update set ${updates} where t._loaded_at is distinct from excluded._loaded_at`,
      [eventTable],
    );
    result.rows += inserted.rowCount ?? 0;
  }
  return result;
}
