import type { Command } from 'commander';
import Table from 'cli-table3';
import pg from 'pg';
import type { CliApp } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';

const INT8_OID = 20;

/** int8 (`count(*)`) as a JSON number when it fits exactly, else as a string. */
function parseInt8(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** One table cell: instants as ISO text, json/arrays as JSON, null as `null`. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The query was refused by Postgres (syntax, unknown table...): the user's input, so the CLI exits 2. */
export class SqlError extends Error {
  readonly usage = true;
  constructor(cause: pg.DatabaseError) {
    const at = cause.position ? ` (at character ${cause.position})` : '';
    super(`the query failed: ${cause.message}${at}${cause.hint ? `; hint: ${cause.hint}` : ''}`);
    this.name = 'SqlError';
  }
}

/** `voyager sql "<query>" [--json]`: runs one query against the warehouse (starting the embedded one if needed). */
export function registerSqlCommand(program: Command, app: CliApp): void {
  program
    .command('sql')
    .description('run a SQL query against the warehouse')
    .argument('<query>', 'the SQL text')
    .option('--json', 'print the rows as a JSON array of objects')
    .action(async (query: string, opts: { json?: boolean }) => {
      await withRuntime(app, { devServices: false }, async (runtime) => {
        const res = await runtime.warehouse
          .query({
            text: query,
            types: {
              getTypeParser: (oid: number, format?: 'text' | 'binary') =>
                oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format),
            },
          })
          .catch((error: unknown) => {
            throw error instanceof pg.DatabaseError ? new SqlError(error) : error;
          });
        const rows = (Array.isArray(res) ? res.at(-1) : res).rows as Record<string, unknown>[];
        if (opts.json) {
          process.stdout.write(JSON.stringify(rows) + '\n');
          return;
        }
        const fields = Object.keys(rows[0] ?? {});
        const table = new Table({ head: fields, style: { head: [], border: [] } });
        for (const r of rows) table.push(fields.map((f) => cell(r[f])));
        process.stdout.write(
          `${fields.length > 0 ? table.toString() + '\n' : ''}(${rows.length} row${rows.length === 1 ? '' : 's'})\n`,
        );
      });
    });
}
