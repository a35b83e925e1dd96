/** A warehouse column as `information_schema.columns` describes it. */
export interface WarehouseColumn {
  /** Column name. */
  readonly name: string;
  /** `data_type` (`integer`, `numeric`, `timestamp without time zone`, ...). */
  readonly dataType: string;
  /** `numeric_precision` / `numeric_scale` of a `numeric(p, s)`; null for an unconstrained one. */
  readonly precision: number | null;
  readonly scale: number | null;
}

// DuckDB's DECIMAL holds at most 38 digits (https://duckdb.org/docs/stable/sql/data_types/numeric)
const MAX_DECIMAL_DIGITS = 38;

/**
 * The DuckDB type (and so the Parquet logical type) of a Postgres column: integers, exact
 * decimals, dates, timestamps and booleans keep their type; an unconstrained `numeric` becomes
 * DOUBLE; a time of day becomes VARCHAR (`14:20:52.186`), since Athena and the Glue catalog have
 * no TIME type (https://docs.aws.amazon.com/athena/latest/ug/data-types.html); json, arrays and
 * anything else become VARCHAR (their text form).
 */
export function duckdbColumnType(column: WarehouseColumn): string {
  switch (column.dataType) {
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'real':
      return 'FLOAT';
    case 'double precision':
      return 'DOUBLE';
    case 'numeric':
      return column.precision !== null && column.precision <= MAX_DECIMAL_DIGITS
        ? `DECIMAL(${column.precision},${column.scale ?? 0})`
        : 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'timestamp without time zone':
      return 'TIMESTAMP';
    case 'timestamp with time zone':
      return 'TIMESTAMPTZ';
    default:
      return 'VARCHAR';
  }
}

/**
 * The select-list item that reads `column` for {@link duckdbColumnType}: numerics travel as text
 * so no digit is lost in JSON, json and other types as their text form.
 */
export function exportSelectItem(column: WarehouseColumn): string {
  const name = `"${column.name.replaceAll('"', '""')}"`;
  const type = duckdbColumnType(column);
  return type.startsWith('DECIMAL') || type === 'VARCHAR' ? `${name}::text as ${name}` : name;
}
