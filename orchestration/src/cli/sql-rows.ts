import pg from 'pg';

const INT8_OID = 20;

/** int8 (`count(*)`) as a JSON number when it fits exactly, else as a string. */
function parseInt8(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format),
};

/** The query was refused by Postgres (syntax, unknown table...): the user's input, so the CLI exits 2. */
export class SqlError extends Error {
  readonly usage = true;
  constructor(cause: pg.DatabaseError) {
    const at = cause.position ? ` (at character ${cause.position})` : '';
    super(`the query failed: ${cause.message}${at}${cause.hint ? `; hint: ${cause.hint}` : ''}`);
    this.name = 'SqlError';
  }
}

/** Rows of a query, at most `limit` of them, and whether there were more. */
export interface SqlRows {
  readonly rows: Record<string, unknown>[];
  readonly more: boolean;
}

const READ_QUERY = /^\s*(select|with|values|table)\b/i;

/**
 * Runs `text` and returns its rows (of the last statement), int8 as numbers when exact. With a
 * `limit`, a single read query is fetched through a cursor (`limit + 1` rows, never the whole
 * table into memory); anything else runs as is and is cut afterwards.
 *
 * @throws SqlError when Postgres refuses the query.
 */
export async function queryRows(pool: pg.Pool, text: string, limit?: number): Promise<SqlRows> {
  const sql = text.trim().replace(/;\s*$/, '');
  try {
    if (limit !== undefined && READ_QUERY.test(sql) && !sql.includes(';')) {
      const cursorRows = await viaCursor(pool, sql, limit);
      if (cursorRows !== undefined) return cursorRows;
    }
    const res = await pool.query({ text, types });
    const rows = (Array.isArray(res) ? (res.at(-1) as pg.QueryResult) : res).rows as Record<
      string,
      unknown
    >[];
    return limit === undefined
      ? { rows, more: false }
      : { rows: rows.slice(0, limit), more: rows.length > limit };
  } catch (error) {
    throw error instanceof pg.DatabaseError ? new SqlError(error) : error;
  }
}

/** `limit + 1` rows through a cursor; undefined when Postgres cannot declare one for this query (e.g. a data-modifying WITH). */
async function viaCursor(pool: pg.Pool, sql: string, limit: number): Promise<SqlRows | undefined> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      await client.query(`declare voyager_sql no scroll cursor for ${sql}`);
    } catch (error) {
      await client.query('rollback');
      if (error instanceof pg.DatabaseError && error.code === '0A000') return undefined;
      throw error;
    }
    const res = await client.query({ text: `fetch ${limit + 1} from voyager_sql`, types });
    await client.query('commit');
    const rows = res.rows as Record<string, unknown>[];
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
