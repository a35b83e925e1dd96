import { invalidValue, isInstant, isLocalTime, InvalidValueError, valueAt } from '../copy-format.js';
import type { ColumnType, RawColumn, RawRow } from '../raw-table.js';

/** Milliseconds from the Unix epoch to Postgres' epoch, 2000-01-01T00:00:00Z. */
const PG_EPOCH_MS = 946_684_800_000;
/** `PGCOPY\n\377\r\n\0`, flags 0, header extension length 0. */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
/** Field count -1. */
const TRAILER = Buffer.from([0xff, 0xff]);

/**
 * A growing buffer of COPY binary rows (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"): numbers are written as their bytes, so nothing is formatted as text or parsed
 * back by the server. `take()` hands out what was written so far.
 */
export class BinaryCopyBuffer {
  buf = Buffer.allocUnsafe(1 << 20);
  pos = 0;

  static readonly header = HEADER;
  static readonly trailer = TRAILER;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** The bytes written since the last take (a copy-free slice of a fresh buffer). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }

  int16(v: number): void {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
  }

  null(): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(-1, this.pos);
  }
}

function int8(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / 4294967296);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(v - hi * 4294967296, at + 4);
}

type BinaryWriter = (out: BinaryCopyBuffer, column: string, value: unknown) => void;

// Each writer validates, then writes length + bytes in place (no closures: this is the hot loop).
const WRITERS: Readonly<Record<ColumnType, BinaryWriter>> = {
  bigint: (o, c, v) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) invalidValue(c, 'an integer', v);
    o.ensure(12);
    o.pos = o.buf.writeInt32BE(8, o.pos);
    int8(o.buf, o.pos, v as number);
    o.pos += 8;
  },
  integer: (o, c, v) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) >= 2 ** 31)
      invalidValue(c, 'a 32-bit integer', v);
    o.ensure(8);
    o.pos = o.buf.writeInt32BE(4, o.pos);
    o.pos = o.buf.writeInt32BE(v as number, o.pos);
  },
  'double precision': (o, c, v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) invalidValue(c, 'a number', v);
    o.ensure(12);
    o.pos = o.buf.writeInt32BE(8, o.pos);
    o.pos = o.buf.writeDoubleBE(v as number, o.pos);
  },
  boolean: (o, c, v) => {
    if (typeof v !== 'boolean') invalidValue(c, 'a boolean', v);
    o.ensure(5);
    o.pos = o.buf.writeInt32BE(1, o.pos);
    o.pos = o.buf.writeUInt8(v ? 1 : 0, o.pos);
  },
  text: (o, c, v) => {
    if (typeof v !== 'string') invalidValue(c, 'a string', v);
    if ((v as string).includes('\u0000')) throw new InvalidValueError(c, 'contains a NUL character');
    writeUtf8(o, v as string, '');
  },
  timestamptz: (o, c, v) => {
    if (typeof v !== 'string' || !isInstant(v)) invalidValue(c, 'an ISO 8601 instant', v);
    writeMicros(o, Date.parse(v as string));
  },
  timestamp: (o, c, v) => {
    if (typeof v !== 'string' || !isLocalTime(v)) invalidValue(c, 'an ISO 8601 local time', v);
    const s = v as string;
    writeMicros(o, Date.parse(s.endsWith('Z') ? s : `${s}Z`));
  },
  jsonb: (o, _c, v) => writeUtf8(o, JSON.stringify(v), '\u0001'), // jsonb binary format: version byte 1, then text
};

function writeMicros(o: BinaryCopyBuffer, epochMs: number): void {
  o.ensure(12);
  o.pos = o.buf.writeInt32BE(8, o.pos);
  int8(o.buf, o.pos, (epochMs - PG_EPOCH_MS) * 1000);
  o.pos += 8;
}

function writeUtf8(o: BinaryCopyBuffer, text: string, prefix: string): void {
  const bytes = Buffer.byteLength(text) + prefix.length;
  o.ensure(4 + bytes);
  o.pos = o.buf.writeInt32BE(bytes, o.pos);
  if (prefix) o.pos += o.buf.write(prefix, o.pos, 'latin1');
  o.pos += o.buf.write(text, o.pos);
}

/**
 * Compiles `columns` into a writer of one COPY binary row (field count, then each field). A
 * missing required field or a value of the wrong type throws with the same reasons as the text
 * path, after rolling the buffer back to the row's start.
 */
export function compileBinaryRowWriter(
  columns: readonly RawColumn[],
): (row: RawRow, out: BinaryCopyBuffer) => void {
  const compiled = columns.map((c) => ({
    name: c.name,
    path: c.from ?? c.name,
    required: c.required ?? false,
    write: WRITERS[c.type],
  }));
  const n = compiled.length;
  return (row, out) => {
    const start = out.pos;
    try {
      out.int16(n);
      for (let i = 0; i < n; i++) {
        const c = compiled[i]!;
        const value = row.values ? row.values[i] : valueAt(row.value!, c.path);
        if (value === null || value === undefined) {
          if (c.required) throw new InvalidValueError(c.name, `required field "${c.path}" is missing`);
          out.null();
        } else {
          c.write(out, c.name, value);
        }
      }
    } catch (error) {
      out.pos = start;
      throw error;
    }
  };
}
