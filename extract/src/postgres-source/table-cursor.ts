/**
 * Cursor of a table read by a watermark column: the highest watermark landed (Postgres text, full
 * precision), its position (epoch seconds or the number) and every `row_key@watermark` landed
 * within the overlap window below it, so a re-read of the overlap lands none of them again.
 */
export interface WatermarkCursor {
  readonly kind: 'watermark';
  readonly column: string;
  readonly watermark: string;
  readonly position: number;
  readonly seen: readonly string[];
}

/** Cursor of a table taken whole and diffed: a content hash per row key. */
export interface SnapshotCursor {
  readonly kind: 'snapshot';
  readonly hashes: Readonly<Record<string, string>>;
}

/** The cursor of one source table. */
export type TableCursor = WatermarkCursor | SnapshotCursor;

/** The asset's state: one cursor per table, by table name. */
export interface SourceState {
  readonly tables: Readonly<Record<string, TableCursor>>;
}

/**
 * One landed record of an operational-Postgres source (`<name>/rows`): one version of one row.
 * `version` is the watermark's text, or `sha256:<hash>` of the row for a table taken whole;
 * `op` is `delete` (and `row` null) for a row gone from a table taken whole.
 */
export interface SourceRowRecord {
  readonly source_table: string;
  readonly row_key: string;
  readonly version: string;
  readonly watermark: string | null;
  readonly op: 'upsert' | 'delete';
  readonly extracted_at: string;
  readonly row: Record<string, unknown> | null;
}
