/**
 * Value helpers for the Strava explode functions: they map a source element to typed-column
 * values and leave anything they cannot convert as it is, so validation rejects it with a reason.
 */

/** `"12.5"` -> 12.5, `""` -> null, numbers unchanged; anything else unchanged (and rejected later). */
export function numberOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : value;
}

/** `"true"`/`"false"` (any case) -> boolean, `""` -> null; booleans unchanged. */
export function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return v === '' ? null : v === 'true' ? true : v === 'false' ? false : value;
}

/** `""` -> null; other values unchanged. */
export function textOf(value: unknown): unknown {
  return value === '' ? null : value;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// `2014-09-12 16:54:28` (the ten-column 2018 exports), `2013-06-11T14:34:09Z`, optional fraction and zone;
// the same formats as extract's parseExportDate (issue 12 point 11)
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;
// newer exports put a narrow no-break space (U+202F) before AM/PM; `\s` matches it
const EXPORT_DATE = /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)$/;

/**
 * A bulk-export date as an ISO instant: `"Oct 5, 2014, 4:15:21 PM"` (UTC in activities.csv; any
 * whitespace, U+202F included, before AM/PM) or an ISO date-time with `T` or a space, its zone
 * optional (`2014-09-12 16:54:28`: UTC), exactly the formats the importer accepts; anything else
 * unchanged (and rejected later).
 */
export function exportInstantOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return null;
  const iso = ISO_DATE_TIME.exec(value.trim());
  if (iso) {
    // old exports: ISO with a space or a T, in UTC when no zone is written (as the importer reads them)
    const ms = Date.parse(`${iso[1]}T${iso[2]}${iso[3] ?? 'Z'}`);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
  }
  const m = EXPORT_DATE.exec(value.trim());
  if (!m) return value;
  const month = MONTHS.indexOf(m[1]!);
  if (month < 0) return value;
  let hour = Number(m[4]) % 12;
  if (m[7] === 'PM') hour += 12;
  return new Date(
    Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6])),
  ).toISOString();
}

/** The element list at `record[field]`: `[]` when absent or null. @throws Error when it is not an array. */
export function arrayField(record: Readonly<Record<string, unknown>>, field: string): readonly unknown[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field}: expected an array, got ${typeof value}`);
  return value;
}

/** `value` when it is a plain object. @throws Error naming `what` otherwise. */
export function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(
      `${what}: expected an object, got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}
