/** Operational-Postgres sources (totesys): the raw history table and its load asset. */
export { createPostgresSourceLoadAssets, type PostgresSourceLoadConfig } from './assets.js';
export { sourceRowsTable, sourceRowsTableName } from './source-rows-table.js';
