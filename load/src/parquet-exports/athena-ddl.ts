/** A column of an exported table, with its DuckDB (Parquet) type. */
export interface ExportedColumn {
  readonly name: string;
  /** `INTEGER`, `DECIMAL(10,2)`, `DATE`, `VARCHAR`, ... (see `duckdbColumnType`). */
  readonly type: string;
}

/**
 * The Athena (Hive DDL) type of a DuckDB column type as the export writes it
 * (https://docs.aws.amazon.com/athena/latest/ug/data-types.html).
 */
export function athenaType(duckdbType: string): string {
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckdbType);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  const types: Readonly<Record<string, string>> = {
    SMALLINT: 'smallint',
    INTEGER: 'int',
    BIGINT: 'bigint',
    FLOAT: 'float',
    DOUBLE: 'double',
    BOOLEAN: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
    TIMESTAMPTZ: 'timestamp',
  };
  return types[duckdbType] ?? 'string';
}

const quote = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/**
 * `CREATE EXTERNAL TABLE` for one exported table in Athena: Parquet at `location`
 * (`s3://bucket/landing/exports/sales/fact_sales_order/`), partitioned by the date column through
 * partition projection (`yyyy-MM-dd` folders, no `MSCK REPAIR TABLE` after new days)
 * (https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html).
 */
export function athenaTableDdl(options: {
  readonly database: string;
  readonly table: string;
  readonly columns: readonly ExportedColumn[];
  readonly partitionBy?: string;
  readonly location: string;
}): string {
  const { database, table, columns, partitionBy, location } = options;
  const body = columns
    .filter((c) => c.name !== partitionBy)
    .map((c) => `  ${quote(c.name)} ${athenaType(c.type)}`)
    .join(',\n');
  const lines = [`CREATE EXTERNAL TABLE IF NOT EXISTS ${quote(database)}.${quote(table)} (`, body, ')'];
  if (partitionBy) lines.push(`PARTITIONED BY (${quote(partitionBy)} date)`);
  lines.push('STORED AS PARQUET', `LOCATION '${location}'`);
  if (partitionBy) {
    const p = `projection.${partitionBy}`;
    lines.push(
      'TBLPROPERTIES (',
      [
        `'projection.enabled' = 'true'`,
        `'${p}.type' = 'date'`,
        `'${p}.format' = 'yyyy-MM-dd'`,
        `'${p}.range' = '1970-01-01,NOW'`,
        `'${p}.interval' = '1'`,
        `'${p}.interval.unit' = 'DAYS'`,
        `'storage.location.template' = '${location}${partitionBy}=\${${partitionBy}}/'`,
      ]
        .map((l) => `  ${l}`)
        .join(',\n'),
      ')',
    );
  }
  return `${lines.join('\n')};\n`;
}
