import { escapeIdentifier as quoteIdent } from 'pg';

/**
 * Quotes a Postgres identifier (`raw` -> `"raw"`, doubling embedded quotes): pg's own
 * `escapeIdentifier`. Every table and column name the loader puts into SQL text goes through
 * here; values always go through `$n` parameters.
 */
export { quoteIdent };

/** `"schema"."table"`, both quoted. */
export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
