import type { RawRow, RawTable } from '../raw-table.js';
import { RowEncoder } from '../row-encoder.js';
import { BinaryCopyBuffer, compileBinaryRowWriter } from './copy-binary.js';

/**
 * The encoder of bulk tables on the postgres target: good rows go into {@link buffer} as COPY
 * binary rows (doubles as their 8 bytes: no number is formatted as text or parsed back), rejected
 * rows come out as `raw.rejected_rows` COPY text lines. `out` only receives a `null` per good row.
 */
export class BinaryBulkEncoder extends RowEncoder<null, string> {
  readonly buffer = new BinaryCopyBuffer();
  private readonly write: (row: RawRow, out: BinaryCopyBuffer) => void;
  private lineStartPos = 0;

  constructor(table: RawTable) {
    super(table, { bulk: true });
    this.write = compileBinaryRowWriter(table.columns);
  }

  protected override goodRow(row: RawRow): null {
    this.write(row, this.buffer);
    return null;
  }

  protected override lineStart(): void {
    this.lineStartPos = this.buffer.pos;
  }

  protected override lineAborted(): void {
    this.buffer.pos = this.lineStartPos;
  }
}
