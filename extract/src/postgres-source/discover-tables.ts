import type { ClientBase } from 'pg';

/** One column of a discovered table. */
export interface SourceColumn {
  readonly name: string;
  /** Postgres type as `format_type` prints it (`integer`, `timestamp without time zone`, `numeric`). */
  readonly type: string;
}

/** A table of the source database, as discovered from the catalog. */
export interface SourceTable {
  readonly name: string;
  /** Columns in table order. */
  readonly columns: readonly SourceColumn[];
  /** Primary-key columns in key order; empty when the table has none (rows keyed by their content). */
  readonly key: readonly string[];
}

/**
 * Lists the ordinary and partitioned tables of `schema` with their columns and primary keys,
 * from `pg_catalog` (https://www.postgresql.org/docs/current/catalogs.html), sorted by name.
 * A table created since the last run simply appears here.
 */
export async function discoverTables(client: ClientBase, schema: string): Promise<SourceTable[]> {
  const { rows } = await client.query<{
    table: string;
    column: string;
    type: string;
    key_pos: number | null;
  }>(
    `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
            array_position(i.indkey::int2[], a.attnum) as key_pos
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       left join pg_index i on i.indrelid = c.oid and i.indisprimary
      where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname, a.attnum`,
    [schema],
  );
  const tables = new Map<string, { columns: SourceColumn[]; key: Array<[number, string]> }>();
  for (const r of rows) {
    let t = tables.get(r.table);
    if (!t) tables.set(r.table, (t = { columns: [], key: [] }));
    t.columns.push({ name: r.column, type: r.type });
    if (r.key_pos !== null) t.key.push([r.key_pos, r.column]);
  }
  return [...tables].map(([name, t]) => ({
    name,
    columns: t.columns,
    key: t.key.sort((a, b) => a[0] - b[0]).map(([, c]) => c),
  }));
}

/** Whether a column type can carry a watermark (ordered, with an overlap in seconds for times). */
export function watermarkKind(type: string): 'time' | 'number' | undefined {
  if (/^(timestamp|date)/.test(type)) return 'time';
  if (/^(smallint|integer|bigint|numeric|real|double precision)/.test(type)) return 'number';
  return undefined;
}
