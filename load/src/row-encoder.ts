import { compileRowFormatter, escapeCopyText } from './copy-format.js';
import type { RawRow, RawTable } from './raw-table.js';

/** Counts of one encoded object. */
export interface EncodeCounts {
  rows: number;
  rejected: number;
}

/**
 * Turns landing lines into COPY text lines. A line that is not a JSON object, lacks a required
 * field or has a wrong type becomes a rejected row (reason, line number, the line or element as
 * payload); the load goes on.
 *
 * - staging mode (default): good and rejected rows go to `out` as rows of the staging table:
 *   the typed columns, `_record` (JSON text), `_line`, `_reason` (null for a good row).
 * - bulk mode (`table.bulk`): good rows go to `out` as the table's typed columns only; rejected
 *   rows go to `rejects` as `line \t reason \t payload`; the `replaceBy` values seen are collected.
 */
export class RowEncoder<Row = string, Reject = Row> {
  readonly counts: EncodeCounts = { rows: 0, rejected: 0 };
  /** Top-level fields seen that the table does not know (schema drift). */
  readonly newFields = new Set<string>();
  /** Bulk mode: each `replaceBy` value of a good row, with the line it came from. */
  readonly replaced = new Map<unknown, number>();
  private readonly nulls: string;
  protected readonly keepRecord: boolean;
  protected readonly bulk: boolean;
  private readonly format: (row: RawRow) => string;
  private readonly replaceIndex: number;

  /** `bulk` overrides `table.bulk` (the supabase target sends every table's rejects apart). */
  constructor(
    protected readonly table: RawTable,
    options: { bulk?: boolean } = {},
  ) {
    this.nulls = table.columns.map(() => '\\N').join('\t');
    this.keepRecord = table.keepRecord ?? true;
    this.bulk = options.bulk ?? table.bulk ?? false;
    this.format = compileRowFormatter(table.columns);
    this.replaceIndex = table.columns.findIndex((c) => c.name === table.replaceBy);
    if (table.bulk && (this.replaceIndex < 0 || this.keepRecord)) {
      throw new Error(`raw table ${table.table}: bulk needs a replaceBy column and keepRecord: false`);
    }
  }

  /** Encodes one line (1-based `lineNumber`): rows to `out`, bulk-mode rejects to `rejects`. */
  encode(line: string, lineNumber: number, out: Row[], rejects: Reject[]): void {
    if (line.trim() === '') return;
    const reject = (reason: string, payload: string) =>
      this.reject(out, rejects, lineNumber, reason, payload);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      return reject(`not JSON: ${(error as Error).message}`, line);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      return reject('not a JSON object', line);
    if (line.includes('\\u0000'))
      return reject('contains a NUL character (\\u0000), which Postgres cannot store', line);
    const object = record as Record<string, unknown>;
    for (const field in object) if (!this.table.knownFields.has(field)) this.newFields.add(field);
    if (this.table.driftFields) for (const field of this.table.driftFields(object)) this.newFields.add(field);
    if (!this.table.explode) {
      try {
        return this.encodeRow({ value: object, json: line }, lineNumber, out, rejects);
      } catch (error) {
        return reject((error as Error).message, line);
      }
    }
    // a line's rows are kept apart until the explosion finished: a throw rejects the line as a whole
    const rows: Row[] = [];
    const lineRejects: Reject[] = [];
    const element = this.table.knownElementFields;
    const before = { ...this.counts };
    const replacedBefore = this.replaced.size;
    this.lineStart();
    try {
      for (const row of this.table.explode(object)) {
        if (element && row.value)
          for (const f in row.value) if (!element.fields.has(f)) this.newFields.add(`${element.label}.${f}`);
        this.encodeRow(row, lineNumber, rows, lineRejects);
      }
    } catch (error) {
      this.lineAborted();
      Object.assign(this.counts, before);
      // forget the replaceBy values this line added (a Map iterates in insertion order)
      if (this.replaced.size > replacedBefore)
        [...this.replaced.keys()].slice(replacedBefore).forEach((k) => this.replaced.delete(k));
      return reject((error as Error).message, line);
    }
    for (const r of rows) out.push(r);
    for (const r of lineRejects) rejects.push(r);
  }

  private encodeRow(row: RawRow, lineNumber: number, out: Row[], rejects: Reject[]): void {
    const payload = () => row.json ?? JSON.stringify(row.value ?? row.values);
    const tracked = this.bulk && this.replaceIndex >= 0;
    const key = tracked
      ? row.values
        ? row.values[this.replaceIndex]
        : row.value![this.table.replaceBy!]
      : undefined;
    if (tracked) {
      const first = this.replaced.get(key);
      if (first !== undefined && first !== lineNumber) {
        // the whole line goes: its rows would replace rows an earlier line of this object loaded
        throw new Error(
          `${this.table.replaceBy} ${String(key)} already loaded from line ${first} of this object`,
        );
      }
    }
    let fields: Row;
    try {
      fields = this.goodRow(row, lineNumber);
    } catch (error) {
      this.reject(out, rejects, lineNumber, (error as Error).message, payload());
      return;
    }
    if (tracked) this.replaced.set(key, lineNumber);
    out.push(fields);
    this.counts.rows++;
  }

  private reject(out: Row[], rejects: Reject[], lineNumber: number, reason: string, payload: string): void {
    const row = this.rejectRow(lineNumber, reason, payload);
    // outside bulk mode Reject is Row (both staging-table COPY lines)
    if (this.bulk) rejects.push(row);
    else out.push(row as unknown as Row);
    this.counts.rejected++;
  }

  /** Called before a record's rows are produced (a subclass writing into a shared buffer marks its position). */
  protected lineStart(): void {}

  /** Called when a record's explosion threw: its rows are discarded (a subclass rolls its buffer back). */
  protected lineAborted(): void {}

  /**
   * The output of a good row: a COPY text line here; a subclass may build another shape.
   * @throws InvalidValueError for a missing required field or a value of the wrong type.
   */
  protected goodRow(row: RawRow, lineNumber: number): Row {
    const fields = this.format(row);
    if (this.bulk) return `${fields}\n` as Row;
    const record = this.keepRecord ? escapeCopyText(row.json ?? JSON.stringify(row.value)) : '\\N';
    return `${fields}\t${record}\t${lineNumber}\t\\N\n` as Row;
  }

  /** The output of a rejected row: in bulk mode a `raw.rejected_rows` COPY line tail, else a staging-table COPY line. */
  protected rejectRow(lineNumber: number, reason: string, payload: string): Reject {
    if (this.bulk) return `${lineNumber}\t${escapeCopyText(reason)}\t${escapeCopyText(payload)}\n` as Reject;
    return `${this.nulls}\t${escapeCopyText(payload)}\t${lineNumber}\t${escapeCopyText(reason)}\n` as Reject;
  }
}
