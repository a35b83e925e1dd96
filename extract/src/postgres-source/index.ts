/** The operational-Postgres source: any Postgres database, every table, incremental by watermark. */
export { discoverTables, type SourceColumn, type SourceTable } from './discover-tables.js';
export {
  postgresSourceAsset,
  sourceRowsDataset,
  type DefaultSourceDatabase,
  type PostgresSourceConfig,
} from './postgres-source-asset.js';
export {
  DEFAULT_OVERLAP_SECONDS,
  DEFAULT_WATERMARK_COLUMN,
  postgresSourceEnvironment,
  readPostgresSourceSettings,
  type PostgresSourceSettings,
} from './source-environment.js';
export type {
  SnapshotCursor,
  SourceRowRecord,
  SourceState,
  TableCursor,
  WatermarkCursor,
} from './table-cursor.js';
