import { compileRowValues } from '../copy-format.js';
import type { RawRow, RawTable } from '../raw-table.js';
import { RowEncoder } from '../row-encoder.js';

/** A row of a PostgREST request body: column name -> JSON value. */
export type RestRow = Record<string, unknown>;

/**
 * The {@link RowEncoder} of the supabase target: good rows as PostgREST JSON objects (typed
 * columns, `record` as JSON, `_source_object`, `_loaded_at`), rejected rows as `raw.rejected_rows`
 * objects, kept apart (bulk mode) so they go in their own requests.
 */
export class SupabaseRowEncoder extends RowEncoder<RestRow> {
  private readonly values: (row: RawRow) => unknown[];
  private readonly names: readonly string[];

  constructor(
    table: RawTable,
    private readonly objectKey: string,
    private readonly loadedAt: string,
  ) {
    super(table, { bulk: true });
    this.values = compileRowValues(table.columns);
    this.names = table.columns.map((c) => c.name);
  }

  protected override goodRow(row: RawRow, lineNumber: number): RestRow {
    const values = this.values(row);
    const out: RestRow = {};
    for (let i = 0; i < values.length; i++) out[this.names[i]!] = values[i];
    if (this.keepRecord) out.record = row.json !== undefined ? JSON.parse(row.json) : row.value;
    const appendOnly = this.table.appendOnly;
    out[appendOnly?.sourceObjectColumn ?? '_source_object'] = this.objectKey;
    if (appendOnly) out[appendOnly.lineColumn] = lineNumber;
    out._loaded_at = this.loadedAt;
    return out;
  }

  protected override rejectRow(lineNumber: number, reason: string, payload: string): RestRow {
    return {
      target_table: this.table.table,
      source_object: this.objectKey,
      line: lineNumber,
      reason,
      payload,
    };
  }
}
