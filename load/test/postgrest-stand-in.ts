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
 * `on_conflict` + `Prefer: resolution=merge-duplicates`, `PATCH` and `DELETE` with `eq.`/`in.()`,
 * `offset`/`limit` paging, schemas
 * through `Accept-Profile`/`Content-Profile`), keeps rows in memory, and fails requests on demand.
 */
export class PostgrestStandIn {
  readonly tables = new Map<string, Row[]>();
  readonly requests: SeenRequest[] = [];
  /** Statuses to answer the next requests with instead of serving them (e.g. `[429, 503]`). */
  failNext: number[] = [];
  /**
   * The next request this matches is served (its change committed) and then its connection is
   * destroyed without a response: what a client sees when a response is lost after the commit.
   */
  dropResponseAfterCommit: ((request: SeenRequest) => boolean) | undefined;
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
    const seen: SeenRequest = {
      method: req.method!,
      schema,
      table,
      search: url.searchParams,
      prefer: String(req.headers.prefer ?? ''),
      apikey: req.headers.apikey as string | undefined,
      authorization: req.headers.authorization,
      rows: list.length,
    };
    this.requests.push(seen);
    const failure = this.failNext.shift();
    if (failure !== undefined)
      return send(res, failure, { message: 'stand-in failure', code: String(failure) });
    const answer = this.serve(seen, this.rows(schema, table), list);
    if (this.dropResponseAfterCommit?.(seen)) {
      this.dropResponseAfterCommit = undefined;
      res.socket?.destroy(); // committed above, never answered
      return;
    }
    return send(res, answer.status, answer.body);
  }

  /** Applies one request to the in-memory rows and returns the answer PostgREST would give. */
  private serve(request: SeenRequest, rows: Row[], list: Row[]): { status: number; body?: unknown } {
    const { search } = request;
    const matches = filterOf(search);
    if (request.method === 'GET') {
      const offset = Number(search.get('offset') ?? 0);
      const limit = Number(search.get('limit') ?? Infinity);
      return { status: 200, body: rows.filter(matches).slice(offset, offset + limit) };
    }
    if (request.method === 'DELETE') {
      const kept = rows.filter((r) => !matches(r));
      rows.splice(0, rows.length, ...kept);
      return { status: 204 };
    }
    if (request.method === 'PATCH') {
      for (let i = 0; i < rows.length; i++) if (matches(rows[i]!)) rows[i] = { ...rows[i], ...list[0] };
      return { status: 204 };
    }
    if (request.method === 'POST') {
      const conflict = search.get('on_conflict')?.split(',');
      const merge = request.prefer.includes('resolution=merge-duplicates');
      for (const row of list) {
        const at =
          conflict && merge
            ? rows.findIndex((r) => conflict.every((k) => String(r[k]) === String(row[k])))
            : -1;
        if (at >= 0) rows[at] = { ...rows[at], ...row };
        else rows.push(row);
      }
      return { status: 201 };
    }
    return { status: 405, body: { message: `method ${request.method} not served by the stand-in` } };
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
