import type { Command } from 'commander';
import Table from 'cli-table3';
import type { CliApp } from '../cli-app.js';
import { ExitCode } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { queryRows } from '../sql-rows.js';

/** Rows shown in the table when `--limit` is not given. */
const DEFAULT_TABLE_LIMIT = 100;

/** One table cell: instants as ISO text, json/arrays as JSON, null as `null`. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * `voyager sql "<query>" [--limit N] [--json]`: runs one query against the warehouse (starting
 * the embedded one if needed). The table shows 100 rows unless `--limit` says otherwise
 * (`--limit 0`: all), with a note when there were more; `--json` prints every row unless `--limit`.
 */
export function registerSqlCommand(program: Command, app: CliApp): void {
  program
    .command('sql')
    .description('run a SQL query against the warehouse')
    .argument('<query>', 'the SQL text')
    .option(
      '--limit <n>',
      `most rows to print (table default ${DEFAULT_TABLE_LIMIT}, --json default all; 0: all)`,
    )
    .option('--json', 'print the rows as a JSON array of objects')
    .action(async (query: string, opts: { json?: boolean; limit?: string }) => {
      const given = opts.limit === undefined ? undefined : Number(opts.limit);
      if (given !== undefined && (!Number.isInteger(given) || given < 0)) {
        app.log.error(`--limit must be a whole number >= 0 (got "${opts.limit}")`);
        process.exitCode = ExitCode.Usage;
        return;
      }
      const limit = given === 0 ? undefined : (given ?? (opts.json ? undefined : DEFAULT_TABLE_LIMIT));
      await withRuntime(app, { devServices: false }, async (runtime) => {
        const { rows, more } = await queryRows(runtime.warehouse, query, limit);
        if (opts.json) {
          process.stdout.write(JSON.stringify(rows) + '\n');
          if (more) process.stderr.write(`only the first ${limit} rows (--limit N, or --limit 0 for all)\n`);
          return;
        }
        const fields = Object.keys(rows[0] ?? {});
        const table = new Table({ head: fields, style: { head: [], border: [] } });
        for (const r of rows) table.push(fields.map((f) => cell(r[f])));
        const count = more
          ? `(first ${rows.length} rows shown, there are more: --limit N, or --limit 0 for all)`
          : `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
        process.stdout.write(`${fields.length > 0 ? table.toString() + '\n' : ''}${count}\n`);
      });
    });
}
