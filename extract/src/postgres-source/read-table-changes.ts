import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { watermarkKind, type SourceTable } from './discover-tables.js';
import type { SnapshotCursor, SourceRowRecord, TableCursor, WatermarkCursor } from './table-cursor.js';

/** Rows fetched from the server-side cursor at a time. */
const FETCH_ROWS = 5_000;

/** How one table is read this run. */
export interface TableReadPlan {
  readonly schema: string;
  readonly table: SourceTable;
  /** Watermark column, or `null` to take the table whole and diff it. */
  readonly watermark: string | null;
  readonly overlapSeconds: number;
  /** The table's cursor from the last run, if any. */
  readonly cursor: TableCursor | undefined;
  /** ISO instant written as `extracted_at`. */
  readonly extractedAt: string;
}

/** What {@link readTableChanges} did. */
export interface TableReadResult {
  /** The cursor to store once the records are landed (none for an empty table never read before). */
  readonly cursor: TableCursor | undefined;
  /** Rows read from the source (overlap included). */
  readonly read: number;
  /** Records emitted (new versions and deletions). */
  readonly changed: number;
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The select list: numeric and bigint columns as text, so no digit is lost to a JS number. */
function projection(table: SourceTable): string {
  return table.columns
    .map((c) =>
      /^(bigint|numeric|money)/.test(c.type) ? `${ident(c.name)}::text as ${ident(c.name)}` : ident(c.name),
    )
    .join(', ');
}

function rowKey(table: SourceTable, row: Record<string, unknown>, rowJson: string): string {
  if (table.key.length === 0) return `sha256:${hash(rowJson)}`;
  if (table.key.length === 1) return String(row[table.key[0]!]);
  return JSON.stringify(table.key.map((k) => row[k] ?? null));
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Streams `query` through a server-side cursor in a read-only repeatable-read transaction. */
async function* fetchAll(client: ClientBase, query: string): AsyncGenerator<Record<string, unknown>> {
  await client.query('begin isolation level repeatable read read only');
  try {
    await client.query(`declare voyager_source_rows no scroll cursor for ${query}`);
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(
        `fetch ${FETCH_ROWS} from voyager_source_rows`,
      );
      for (const r of rows) yield r;
      if (rows.length < FETCH_ROWS) break;
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}

/**
 * Reads the changes of one table since its cursor and hands them to `emit` in parts:
 * - by watermark: the rows whose watermark is at or after the stored one minus `overlapSeconds`
 *   (numbers: at or after it), in watermark order, minus the `row_key@watermark` pairs already
 *   landed (the cursor's `seen`), so a row updated in the same second as the watermark, or
 *   committed late with an older one, is read again and never lost, and nothing lands twice;
 * - whole (no watermark): every row, hashed; new and changed rows land as `sha256:` versions,
 *   rows gone since the last run as `delete` records.
 *
 * @throws Error naming the table when its watermark column is missing or not a time or number.
 */
export async function readTableChanges(
  client: ClientBase,
  plan: TableReadPlan,
  emit: (records: SourceRowRecord[]) => Promise<void>,
): Promise<TableReadResult> {
  const from = `${ident(plan.schema)}.${ident(plan.table.name)}`;
  const base = { source_table: plan.table.name, extracted_at: plan.extractedAt };
  let part: SourceRowRecord[] = [];
  let changed = 0;
  let read = 0;
  const push = async (r: SourceRowRecord) => {
    part.push(r);
    changed++;
    if (part.length >= FETCH_ROWS) {
      await emit(part);
      part = [];
    }
  };
  let cursor: TableCursor | undefined;
  if (plan.watermark !== null) {
    const column = plan.table.columns.find((c) => c.name === plan.watermark);
    const kind = column ? watermarkKind(column.type) : undefined;
    if (!column || !kind)
      throw new Error(
        `table ${plan.table.name}: watermark column "${plan.watermark}" ${column ? `has type ${column.type}, not a time or number` : 'does not exist'}`,
      );
    const wm = ident(column.name);
    const previous =
      plan.cursor?.kind === 'watermark' && plan.cursor.column === column.name ? plan.cursor : undefined;
    const since = previous ? client.escapeLiteral(previous.watermark) : undefined;
    const where =
      since === undefined
        ? ''
        : kind === 'time'
          ? `where ${wm} >= ${since}::${column.type} - make_interval(secs => ${plan.overlapSeconds})`
          : `where ${wm} >= ${since}::${column.type}`;
    const position = kind === 'time' ? `extract(epoch from ${wm})::float8` : `${wm}::float8`;
    const query = `select ${projection(plan.table)}, ${wm}::text as "__wm", ${position} as "__pos" from ${from} ${where} order by "__pos"`;
    const seen = new Set(previous?.seen ?? []);
    const window: Array<{ pos: number; entry: string }> = [];
    let top: { watermark: string; position: number } | undefined = previous;
    for await (const r of fetchAll(client, query)) {
      read++;
      const {
        __wm: watermark,
        __pos: pos,
        ...row
      } = r as Record<string, unknown> & { __wm: string | null; __pos: number | null };
      if (watermark === null || pos === null) continue; // a row without a watermark cannot be placed
      const json = JSON.stringify(row);
      const key = rowKey(plan.table, row, json);
      const entry = `${key}@${watermark}`;
      window.push({ pos, entry });
      if (!top || pos >= top.position) top = { watermark, position: pos };
      if (seen.has(entry)) continue;
      await push({ ...base, row_key: key, version: watermark, watermark, op: 'upsert', row });
    }
    const overlap = kind === 'time' ? plan.overlapSeconds : 0;
    const keep = top ? window.filter((w) => w.pos >= top.position - overlap).map((w) => w.entry) : [];
    cursor = top
      ? ({
          kind: 'watermark',
          column: column.name,
          watermark: top.watermark,
          position: top.position,
          seen: keep,
        } satisfies WatermarkCursor)
      : previous;
  } else {
    const before = plan.cursor?.kind === 'snapshot' ? plan.cursor.hashes : {};
    const hashes: Record<string, string> = {};
    for await (const row of fetchAll(client, `select ${projection(plan.table)} from ${from}`)) {
      read++;
      const json = JSON.stringify(row);
      const key = rowKey(plan.table, row, json);
      const h = hash(json);
      hashes[key] = h;
      if (before[key] === h) continue;
      await push({ ...base, row_key: key, version: `sha256:${h}`, watermark: null, op: 'upsert', row });
    }
    for (const [key, h] of Object.entries(before)) {
      if (!(key in hashes))
        await push({
          ...base,
          row_key: key,
          version: `deleted:${h}`,
          watermark: null,
          op: 'delete',
          row: null,
        });
    }
    cursor = { kind: 'snapshot', hashes } satisfies SnapshotCursor;
  }
  if (part.length > 0) await emit(part);
  return { cursor, read, changed };
}
