import type { ColumnType, RawColumn, RawRow } from './raw-table.js';

/** Why a value cannot go into its column; becomes the rejected row's reason. */
export class InvalidValueError extends Error {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super(`${column}: ${message}`);
    this.name = 'InvalidValueError';
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z?$/;

/** Escapes text for COPY's text format (backslash, tab, newline, carriage return). */
export function escapeCopyText(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

type Formatter = (column: string, value: unknown) => string;

/**
 * Throws the {@link InvalidValueError} of a value that is not `expected` (e.g. `a number`).
 * @throws InvalidValueError always.
 */
export function invalidValue(column: string, expected: string, value: unknown): never {
  return bad(column, expected, value);
}

/** Whether `v` is an ISO 8601 instant with `Z` or an offset that Date.parse accepts. */
export function isInstant(v: string): boolean {
  return INSTANT.test(v) && !Number.isNaN(Date.parse(v));
}

/** Whether `v` is an ISO 8601 local date-time (an optional trailing `Z` allowed). */
export function isLocalTime(v: string): boolean {
  return LOCAL.test(v);
}

function bad(column: string, expected: string, value: unknown): never {
  throw new InvalidValueError(
    column,
    `expected ${expected}, got ${describe(value)} ${JSON.stringify(value)}`,
  );
}

/** One validating formatter per column type: the COPY text of a non-null value, or a throw. */
const FORMATTERS: Readonly<Record<ColumnType, Formatter>> = {
  bigint: (c, v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : bad(c, 'an integer', v)),
  integer: (c, v) =>
    typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31
      ? String(v)
      : bad(c, 'a 32-bit integer', v),
  'double precision': (c, v) =>
    typeof v === 'number' && Number.isFinite(v) ? String(v) : bad(c, 'a number', v),
  boolean: (c, v) => (v === true ? 't' : v === false ? 'f' : bad(c, 'a boolean', v)),
  text: (c, v) => {
    if (typeof v !== 'string') return bad(c, 'a string', v);
    if (v.includes('\u0000')) throw new InvalidValueError(c, 'contains a NUL character');
    return escapeCopyText(v);
  },
  timestamptz: (c, v) =>
    typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v))
      ? v
      : bad(c, 'an ISO 8601 instant', v),
  timestamp: (c, v) =>
    typeof v === 'string' && LOCAL.test(v)
      ? v.endsWith('Z')
        ? v.slice(0, -1)
        : v
      : bad(c, 'an ISO 8601 local time', v),
  jsonb: (_c, v) => escapeCopyText(JSON.stringify(v)),
};

/** The value at dotted `path` of `record` (`athlete.id`), or `undefined`. */
export function valueAt(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (!path.includes('.')) return record[path];
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Compiles `columns` into a function returning a row's COPY text fields joined by tabs (no line
 * end). A row gives its values as an object read through each column's path, or, faster, as
 * `values` in column order.
 * @throws InvalidValueError (from the returned function) for a missing required field or a value of the wrong type.
 */
export function compileRowFormatter(columns: readonly RawColumn[]): (row: RawRow) => string {
  const compiled = columns.map((c) => {
    const path = c.from ?? c.name;
    return {
      name: c.name,
      path,
      required: c.required ?? false,
      get: path.includes('.')
        ? (r: Readonly<Record<string, unknown>>) => valueAt(r, path)
        : (r: Readonly<Record<string, unknown>>) => r[path],
      format: FORMATTERS[c.type],
    };
  });
  const n = compiled.length;
  return (row) => {
    let text = '';
    for (let i = 0; i < n; i++) {
      const c = compiled[i]!;
      const value = row.values ? row.values[i] : c.get(row.value!);
      if (i > 0) text += '\t';
      if (value === null || value === undefined) {
        if (c.required) throw new InvalidValueError(c.name, `required field "${c.path}" is missing`);
        text += '\\N';
      } else {
        text += c.format(c.name, value);
      }
    }
    return text;
  };
}

/**
 * Compiles `columns` into a function returning a row's validated values in column order, as JSON
 * values for a PostgREST body (`timestamp` without its `Z`, other values as they came).
 * @throws InvalidValueError (from the returned function), as {@link compileRowFormatter}.
 */
export function compileRowValues(columns: readonly RawColumn[]): (row: RawRow) => unknown[] {
  const format = compileRowFormatter(columns);
  const getters = columns.map((c) => {
    const path = c.from ?? c.name;
    return (r: Readonly<Record<string, unknown>>) => valueAt(r, path);
  });
  const localTime = columns.map((c) => c.type === 'timestamp');
  return (row) => {
    format(row); // validates, throwing the same reasons as the COPY path
    return columns.map((_c, i) => {
      const v = row.values ? row.values[i] : getters[i]!(row.value!);
      if (v === undefined) return null;
      return localTime[i] && typeof v === 'string' && v.endsWith('Z') ? v.slice(0, -1) : v;
    });
  };
}
