import type { Pool } from 'pg';
import type { RawTable } from '../raw-table.js';
import { qualifiedName } from '../postgres/sql.js';

/** Fields of a landed source row record (extract's `SourceRowRecord`). */
const RECORD_FIELDS = ['source_table', 'row_key', 'version', 'watermark', 'op', 'extracted_at', 'row'];

/** `raw.<name>_rows`, the history table of operational-Postgres source `name`. */
export const sourceRowsTableName = (name: string): string => `${name}_rows`;

/**
 * The raw table of an operational-Postgres source `name` (landing dataset `<name>/rows`):
 * every version of every row of every source table, one row per (`source_table`, `row_key`,
 * `version`), the source row as `row_data` jsonb (numeric and bigint values as JSON strings, times as
 * ISO text). A version landed twice (an overlap re-read, a re-run) is merged, not duplicated.
 * A record without a table, key or version, with an unknown `op`, or an `upsert` without a row
 * object goes to `raw.rejected_rows` with the reason.
 */
export function sourceRowsTable(name: string): RawTable {
  return Object.freeze<RawTable>({
    table: sourceRowsTableName(name),
    dataset: `${name}/rows`,
    columns: [
      { name: 'source_table', type: 'text', required: true },
      { name: 'row_key', type: 'text', required: true },
      { name: 'version', type: 'text', required: true },
      { name: 'watermark', type: 'text' },
      { name: 'op', type: 'text', required: true },
      { name: 'extracted_at', type: 'timestamptz' },
      { name: 'row_data', type: 'jsonb', from: 'row' },
    ],
    key: ['source_table', 'row_key', 'version'],
    keepRecord: false,
    knownFields: new Set(RECORD_FIELDS),
    explode(record) {
      if (record.op !== 'upsert' && record.op !== 'delete')
        throw new Error(`op ${JSON.stringify(record.op)} is not upsert or delete`);
      const row = record.row;
      if (record.op === 'upsert' && (row === null || typeof row !== 'object' || Array.isArray(row)))
        throw new Error('an upsert record has no row object');
      return [{ value: record }];
    },
  });
}

/**
 * Creates `raw.<name>_rows` when missing (a named source needs no migration of its own; the
 * shape is the same for every source). Keyed by (source_table, row_key, version). `totesys`'s table
 * also comes from migration 1765300100000, with this shape, so its staging views build before a load.
 */
export async function ensureSourceRowsTable(pool: Pool, name: string): Promise<void> {
  const table = qualifiedName('raw', sourceRowsTableName(name));
  await pool.query(`create table if not exists ${table} (
    source_table   text not null,
    row_key        text not null,
    version        text not null,
    watermark      text,
    op             text not null,
    extracted_at   timestamptz,
    row_data       jsonb,
    _source_object text not null,
    _loaded_at     timestamptz not null,
    primary key (source_table, row_key, version)
  )`);
}
