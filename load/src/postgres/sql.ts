/**
 * Quotes a Postgres identifier (`raw` -> `"raw"`, doubling embedded quotes). Every table and column
 * name the loader puts into SQL text goes through here; values always go through `$n` parameters.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`, both quoted. */
export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
