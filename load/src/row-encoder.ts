import { copyFields, escapeCopyText } from './copy-format.js';
import type { RawRow, RawTable } from './raw-table.js';

/** Counts of one encoded object. */
export interface EncodeCounts {
  rows: number;
  rejected: number;
}

/**
 * Turns landing lines into rows of the staging table, in COPY text format: the table's typed
 * columns, then `_record` (JSON text), `_line` (1-based line number) and `_reason` (null for a
 * good row). A line that is not a JSON object, lacks a required field or has a wrong type becomes a
 * rejected row (typed columns null, reason set, the line or element as payload); the load goes on.
 */
export class RowEncoder {
  readonly counts: EncodeCounts = { rows: 0, rejected: 0 };
  /** Top-level fields seen that the table does not know (schema drift). */
  readonly newFields = new Set<string>();
  private readonly nulls: string;
  private readonly keepRecord: boolean;

  constructor(private readonly table: RawTable) {
    this.nulls = table.columns.map(() => '\\N').join('\t');
    this.keepRecord = table.keepRecord ?? true;
  }

  /** Encodes one line (1-based `lineNumber`) into `out` (COPY lines, each ending with `\n`). */
  encode(line: string, lineNumber: number, out: string[]): void {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      this.reject(out, lineNumber, `not JSON: ${(error as Error).message}`, line);
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.reject(out, lineNumber, 'not a JSON object', line);
      return;
    }
    if (line.includes('\\u0000')) {
      this.reject(out, lineNumber, 'contains a NUL character (\\u0000), which Postgres cannot store', line);
      return;
    }
    const object = record as Record<string, unknown>;
    for (const field in object) if (!this.table.knownFields.has(field)) this.newFields.add(field);
    if (this.table.driftFields) for (const field of this.table.driftFields(object)) this.newFields.add(field);
    let rows: Iterable<RawRow>;
    try {
      rows = this.table.explode ? [...this.table.explode(object)] : [{ value: object, json: line }];
    } catch (error) {
      this.reject(out, lineNumber, (error as Error).message, line);
      return;
    }
    const element = this.table.knownElementFields;
    for (const row of rows) {
      if (element)
        for (const f in row.value) if (!element.fields.has(f)) this.newFields.add(`${element.label}.${f}`);
      this.encodeRow(row, lineNumber, out);
    }
  }

  private encodeRow(row: RawRow, lineNumber: number, out: string[]): void {
    let fields: string[];
    try {
      fields = copyFields(this.table.columns, row.value);
    } catch (error) {
      this.reject(out, lineNumber, (error as Error).message, row.json ?? JSON.stringify(row.value));
      return;
    }
    const record = this.keepRecord ? escapeCopyText(row.json ?? JSON.stringify(row.value)) : '\\N';
    out.push(`${fields.join('\t')}\t${record}\t${lineNumber}\t\\N\n`);
    this.counts.rows++;
  }

  private reject(out: string[], lineNumber: number, reason: string, payload: string): void {
    out.push(`${this.nulls}\t${escapeCopyText(payload)}\t${lineNumber}\t${escapeCopyText(reason)}\n`);
    this.counts.rejected++;
  }
}
