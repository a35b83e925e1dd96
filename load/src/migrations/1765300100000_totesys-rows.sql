-- Up Migration

-- raw.totesys_rows, the table the dbt project's `totesys` source names, exists from the first
-- migration on, as every other raw table does: the totesys staging views (and any selection of
-- group:staging) build on a warehouse where the totesys source has not loaded yet. The shape is
-- `ensureSourceRowsTable`'s (load/src/totesys/source-rows-table.ts), which stays for other names.
create table if not exists raw.totesys_rows (
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
);

-- Down Migration

drop table if exists raw.totesys_rows;
