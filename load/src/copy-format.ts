import type { ColumnType, RawColumn } from './raw-table.js';

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

/**
 * Validates `value` for a column of `type` and returns its COPY text field, `\N` for null.
 * @throws InvalidValueError naming the column, the expected and the found type.
 */
export function copyField(column: string, type: ColumnType, value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'bigint':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      throw new InvalidValueError(
        column,
        `expected an integer, got ${describe(value)} ${JSON.stringify(value)}`,
      );
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31)
        return String(value);
      throw new InvalidValueError(
        column,
        `expected a 32-bit integer, got ${describe(value)} ${JSON.stringify(value)}`,
      );
    case 'double precision':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw new InvalidValueError(
        column,
        `expected a number, got ${describe(value)} ${JSON.stringify(value)}`,
      );
    case 'boolean':
      if (typeof value === 'boolean') return value ? 't' : 'f';
      throw new InvalidValueError(column, `expected a boolean, got ${describe(value)}`);
    case 'text':
      if (typeof value === 'string')
        return value.includes('\u0000') ? reject(column, 'NUL character') : escapeCopyText(value);
      throw new InvalidValueError(column, `expected a string, got ${describe(value)}`);
    case 'timestamptz':
      if (typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return value;
      throw new InvalidValueError(column, `expected an ISO 8601 instant, got ${JSON.stringify(value)}`);
    case 'timestamp':
      if (typeof value === 'string' && LOCAL.test(value))
        return value.endsWith('Z') ? value.slice(0, -1) : value;
      throw new InvalidValueError(column, `expected an ISO 8601 local time, got ${JSON.stringify(value)}`);
    case 'jsonb':
      return escapeCopyText(JSON.stringify(value));
  }
}

function reject(column: string, why: string): never {
  throw new InvalidValueError(column, why);
}

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
 * The COPY text fields of `row` for `columns`, in order.
 * @throws InvalidValueError for a missing required field or a value of the wrong type.
 */
export function copyFields(columns: readonly RawColumn[], row: Readonly<Record<string, unknown>>): string[] {
  const fields = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const path = c.from ?? c.name;
    const value = valueAt(row, path);
    if (c.required && (value === null || value === undefined)) {
      throw new InvalidValueError(c.name, `required field "${path}" is missing`);
    }
    fields[i] = copyField(c.name, c.type, value);
  }
  return fields;
}
