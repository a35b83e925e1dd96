import type { RawTable } from '../raw-table.js';
import { qualifiedName, quoteIdent } from './sql.js';

/** Name of the per-transaction staging table (`on commit drop`). */
export const STAGING_TABLE = '_voyager_load_staging';

/** The SQL statements of one object's load into `raw.<table>`; values are `$n` parameters only. */
export interface MergeSql {
  /** Creates the staging table: typed columns, `_record text`, `_line bigint`, `_reason text`. */
  readonly createStaging: string;
  /** `COPY ... FROM STDIN` into the staging table (text format). */
  readonly copy: string;
  /** Bulk tables: `COPY ... FROM STDIN` (binary format) of the typed columns straight into `raw.<table>`. */
  readonly copyBulk: string;
  /** Bulk tables: deletes the earlier rows of the `replaceBy` values `$1` (text array) the object holds. */
  readonly deleteReplacedBulk: string | undefined;
  /** Bulk tables: COPY of rejected rows (`target_table`, `source_object`, `line`, `reason`, `payload`). */
  readonly copyRejected: string;
  /** Deletes the rows of `raw.<table>` last written by object `$1` (an earlier version of it). */
  readonly deletePrevious: string;
  /**
   * Deletes the rows whose `replaceBy` (or `replaceAlsoBy`) value the object holds, except those it
   * holds again unchanged (only for `replaceBy` tables).
   */
  readonly deleteReplaced: string | undefined;
  /** Merges good staging rows; `$1` source object key, `$2` load time. */
  readonly merge: string;
  /** Replaces the object's rejected rows; `$1` table, `$2` object key. */
  readonly deleteRejected: string;
  readonly insertRejected: string;
  /** The qualified target table, `"raw"."<table>"`. */
  readonly target: string;
  /** With `table.propagate`: the update of the other table from the good staging rows. */
  readonly propagate: string | undefined;
}

/** Builds the {@link MergeSql} of `table` (identifiers quoted). */
export function mergeSql(table: RawTable): MergeSql {
  const target = qualifiedName('raw', table.table);
  const staging = quoteIdent(STAGING_TABLE);
  const keepRecord = table.keepRecord ?? true;
  const names = table.columns.map((c) => quoteIdent(c.name));
  const keys = table.key.map(quoteIdent);
  const typed = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`);
  const source = quoteIdent(table.appendOnly?.sourceObjectColumn ?? '_source_object');
  const line = table.appendOnly ? [quoteIdent(table.appendOnly.lineColumn)] : [];
  const targetColumns = [...names, ...(keepRecord ? ['"record"'] : []), source, ...line, '"_loaded_at"'];
  const values = [
    ...names,
    ...(keepRecord ? ['"_record"::jsonb'] : []),
    '$1',
    ...(table.appendOnly ? ['"_line"'] : []),
    '$2::timestamptz',
  ];
  const updates = targetColumns
    .filter((c) => !keys.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  // an unchanged row (same values, same record) is not rewritten: a re-listed overlap costs no dead tuple
  const compared = targetColumns.filter(
    (c) => !keys.includes(c) && c !== source && !line.includes(c) && c !== '"_loaded_at"',
  );
  const changed =
    compared.length === 0
      ? ''
      : ` where (${compared.map((c) => `t.${c}`).join(', ')}) is distinct from (${compared.map((c) => `excluded.${c}`).join(', ')})`;
  const good = `from ${staging} where "_reason" is null`;
  // Upsert tables keep the last line of a key (distinct on); replaced children keep the first.
  const merge = table.appendOnly
    ? `insert into ${target} (${targetColumns.join(', ')}) select ${values.join(', ')} ${good} order by "_line"`
    : table.replaceBy
      ? `insert into ${target} (${targetColumns.join(', ')}) select ${values.join(', ')} ${good} on conflict (${keys.join(', ')}) do nothing`
      : `insert into ${target} as t (${targetColumns.join(', ')}) select distinct on (${keys.join(', ')}) ${values.join(', ')} ${good} order by ${keys.join(', ')}, "_line" desc on conflict (${keys.join(', ')}) do update set ${updates}${changed}`;
  const replaceBy = table.replaceBy ? quoteIdent(table.replaceBy) : undefined;
  // A replaced row the object holds again unchanged (same values and record as the first good
  // staging row of its key) is kept, and the merge's `do nothing` skips it: an athlete's zones
  // fetched again every run, or a re-landed activity's laps, rewrite no row.
  const sameAs = [...names, ...(keepRecord ? ['"record"'] : [])];
  const fromStaging = [...names, ...(keepRecord ? ['"_record"::jsonb'] : [])];
  const unchanged = `select 1 from (select distinct on (${keys.join(', ')}) * ${good} order by ${keys.join(', ')}, "_line") s where (${sameAs.map((c) => `t.${c}`).join(', ')}) is not distinct from (${fromStaging.map((c) => `s.${c}`).join(', ')})`;
  const alsoBy = table.replaceAlsoBy ? quoteIdent(table.replaceAlsoBy) : undefined;
  return {
    target,
    createStaging: `create temp table ${staging} (${[...typed, '"_record" text', '"_line" bigint', '"_reason" text'].join(', ')}) on commit drop`,
    copy: `copy ${staging} (${[...names, '"_record"', '"_line"', '"_reason"'].join(', ')}) from stdin`,
    copyBulk: `copy ${target} (${names.join(', ')}) from stdin with (format binary)`,
    deleteReplacedBulk: replaceBy
      ? `delete from ${target} where ${replaceBy} = any($1::${table.columns.find((c) => c.name === table.replaceBy)!.type}[]) and "_loaded_at" <> now()`
      : undefined,
    copyRejected:
      'copy "raw"."rejected_rows" ("target_table", "source_object", "line", "reason", "payload") from stdin',
    deletePrevious: `delete from ${target} where ${source} = $1`,
    deleteReplaced: replaceBy
      ? `delete from ${target} t where (t.${replaceBy} in (select distinct ${replaceBy} ${good})${alsoBy ? ` or t.${alsoBy} in (select distinct ${alsoBy} ${good})` : ''}) and not exists (${unchanged})`
      : undefined,
    merge,
    deleteRejected: 'delete from "raw"."rejected_rows" where "target_table" = $1 and "source_object" = $2',
    propagate: table.propagate ? propagateSql(table.propagate, staging) : undefined,
    insertRejected: `insert into "raw"."rejected_rows" ("target_table", "source_object", "line", "reason", "payload") select $1, $2, "_line", "_reason", "_record" from ${staging} where "_reason" is not null order by "_line"`,
  };
}

/** `update raw.<table> set <column> = <from>` of the last good staging row per key. */
function propagateSql(p: NonNullable<RawTable['propagate']>, staging: string): string {
  const [key, column, from] = [quoteIdent(p.key), quoteIdent(p.column), quoteIdent(p.from)];
  const last = `select distinct on (${key}) ${key}, ${from} from ${staging} where "_reason" is null order by ${key}, "_line" desc`;
  return `update ${qualifiedName('raw', p.table)} t set ${column} = s.${from} from (${last}) s where t.${key} = s.${key}`;
}
