/** Postgres type of a raw column, with the JSON shape it accepts. */
export type ColumnType =
  /** JSON integer within ±2^53 (ids, epoch seconds). */
  | 'bigint'
  /** JSON integer within int32 (seconds, counts). */
  | 'integer'
  /** Any finite JSON number (metres, m/s, bpm). */
  | 'double precision'
  /** JSON string. */
  | 'text'
  /** JSON boolean. */
  | 'boolean'
  /** ISO 8601 instant with `Z` or an offset, e.g. `2025-10-19T20:00:00Z`. */
  | 'timestamptz'
  /** ISO 8601 local wall-clock time; a trailing `Z` (Strava's `start_date_local`) is ignored. */
  | 'timestamp'
  /** Any JSON value, stored as jsonb. */
  | 'jsonb';

/** One typed column of a raw table and where its value comes from in the record. */
export interface RawColumn {
  /** snake_case column name with its unit (`distance_m`, `moving_time_s`). */
  readonly name: string;
  readonly type: ColumnType;
  /** Dotted path into the record (`distance`, `athlete.id`); default: the column name. */
  readonly from?: string;
  /** A row without it (null or missing) is rejected. Default false. */
  readonly required?: boolean;
}

/** One element produced from a landing record: its values and, when kept, its JSON text. */
export interface RawRow {
  /** The object the column paths are read from (unless `values` is given). */
  readonly value?: Readonly<Record<string, unknown>>;
  /** The column values in column order: the fast path for large explosions (stream points). */
  readonly values?: readonly unknown[];
  /** JSON text stored in `record` (and as the rejected-row payload); omitted: `JSON.stringify(value)`. */
  readonly json?: string;
}

/**
 * How one landing dataset becomes one `raw.*` table: typed columns plus the original record as
 * jsonb, `_source_object` and `_loaded_at`. Merge: upsert by `key`, or, with `replaceBy`, every
 * row of each `replaceBy` value seen in the object replaced (an activity's laps or stream points).
 */
export interface RawTable {
  /** Table name in schema `raw`, e.g. `strava_activities`. */
  readonly table: string;
  /** Landing dataset read, e.g. `strava/activities`. */
  readonly dataset: string;
  readonly columns: readonly RawColumn[];
  /** Natural key columns (the table's primary key). */
  readonly key: readonly string[];
  /** Column whose values are replaced as a whole (child rows of an activity). */
  readonly replaceBy?: string;
  /**
   * With `replaceBy` (not bulk): a second column whose values in the object also replace every
   * earlier row holding them. `raw.lifting_sets` uses `source_file`: a re-exported file replaces
   * all that was loaded from it, so a workout deleted or re-keyed in the app leaves raw.
   */
  readonly replaceAlsoBy?: string;
  /**
   * Bulk tables (stream points) are loaded by COPY straight into the table, without staging:
   * the table has no unique key, each `replaceBy` value of the object replaces the earlier rows
   * of that value, and a `replaceBy` value repeated on a later line of the same object is
   * rejected. Requires `replaceBy` and `keepRecord: false`.
   */
  readonly bulk?: boolean;
  /**
   * Append-only tables without a natural key (`raw.rejected_rows`): each row is inserted with its
   * landing object key in `sourceObjectColumn` (instead of `_source_object`) and its line number
   * in `lineColumn`; a re-load deletes the object's earlier rows first. `key` only documents the
   * grain then.
   */
  readonly appendOnly?: { readonly sourceObjectColumn: string; readonly lineColumn: string };
  /**
   * After the merge, sets `column` of the rows of `raw.<table>` whose `key` equals a merged row's
   * `key` to that row's `from` value (a deletion sets `raw.strava_activities.deleted_at`).
   */
  readonly propagate?: {
    readonly table: string;
    readonly key: string;
    readonly column: string;
    readonly from: string;
  };
  /** Whether the table has a `record jsonb` column (default true). Stream points do not. */
  readonly keepRecord?: boolean;
  /** Top-level record fields the loader knows; others are reported as `new_fields` (schema drift). */
  readonly knownFields: ReadonlySet<string>;
  /** With `explode`: fields of each element (a lap, a zone) the loader knows; others are reported as `new_fields` `<element>.<field>`. */
  readonly knownElementFields?: { readonly label: string; readonly fields: ReadonlySet<string> };
  /** Extra drift names of one record beyond its top-level fields (e.g. `streams.<unknown type>`). */
  driftFields?(record: Readonly<Record<string, unknown>>): Iterable<string>;
  /** Rows of one record; default: the record itself. A throw rejects the whole line with its message. */
  explode?(record: Readonly<Record<string, unknown>>): Iterable<RawRow>;
}
