import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Row = Record<string, unknown>;

/** One request as the stand-in saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly schema: string;
  readonly table: string;
  readonly search: URLSearchParams;
  readonly prefer: string;
  readonly apikey: string | undefined;
  readonly authorization: string | undefined;
  readonly rows: number;
}

/**
 * A PROTOCOL STAND-IN for Supabase's PostgREST (not a database): answers the requests
 * supabase-js sends (`GET` with `select`/`eq.`/`limit`, `POST` insert and upsert with
 * `on_conflict` + `Prefer: resolution=merge-duplicates`, `DELETE` with `eq.`/`in.()`, schemas
 * through `Accept-Profile`/`Content-Profile`), keeps rows in memory, and fails requests on demand.
 */
export class PostgrestStandIn {
  readonly tables = new Map<string, Row[]>();
  readonly requests: SeenRequest[] = [];
  /** Statuses to answer the next requests with instead of serving them (e.g. `[429, 503]`). */
  failNext: number[] = [];
  private server: Server | undefined;

  /** `http://127.0.0.1:<port>` once started. */
  url = '';

  rows(schema: string, table: string): Row[] {
    const key = `${schema}.${table}`;
    if (!this.tables.has(key)) this.tables.set(key, []);
    return this.tables.get(key)!;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url!, 'http://stand-in');
    const table = url.pathname.replace(/^\/rest\/v1\//, '');
    const schema = String(req.headers['content-profile'] ?? req.headers['accept-profile'] ?? 'public');
    const body =
      chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString()) as Row | Row[]) : undefined;
    const list = body === undefined ? [] : Array.isArray(body) ? body : [body];
    this.requests.push({
      method: req.method!,
      schema,
      table,
      search: url.searchParams,
      prefer: String(req.headers.prefer ?? ''),
      apikey: req.headers.apikey as string | undefined,
      authorization: req.headers.authorization,
      rows: list.length,
    });
    const failure = this.failNext.shift();
    if (failure !== undefined)
      return send(res, failure, { message: 'stand-in failure', code: String(failure) });
    const rows = this.rows(schema, table);
    const matches = filterOf(url.searchParams);
    if (req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? Infinity);
      return send(res, 200, rows.filter(matches).slice(0, limit));
    }
    if (req.method === 'DELETE') {
      const kept = rows.filter((r) => !matches(r));
      rows.splice(0, rows.length, ...kept);
      return send(res, 204);
    }
    if (req.method === 'POST') {
      const conflict = url.searchParams.get('on_conflict')?.split(',');
      const merge = String(req.headers.prefer ?? '').includes('resolution=merge-duplicates');
      for (const row of list) {
        const at =
          conflict && merge
            ? rows.findIndex((r) => conflict.every((k) => String(r[k]) === String(row[k])))
            : -1;
        if (at >= 0) rows[at] = { ...rows[at], ...row };
        else rows.push(row);
      }
      return send(res, 201);
    }
    return send(res, 405, { message: `method ${req.method} not served by the stand-in` });
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** Row filter of PostgREST's `col=eq.v` and `col=in.(a,b)` parameters (others ignored). */
function filterOf(search: URLSearchParams): (row: Row) => boolean {
  const tests: ((row: Row) => boolean)[] = [];
  for (const [column, expr] of search) {
    if (expr.startsWith('eq.')) tests.push((r) => String(r[column]) === expr.slice(3));
    if (expr.startsWith('in.(')) {
      const values = new Set(
        expr
          .slice(4, -1)
          .split(',')
          .map((v) => v.replace(/^"|"$/g, '')),
      );
      tests.push((r) => values.has(String(r[column])));
    }
  }
  return (row) => tests.every((t) => t(row));
}
