import type { Command } from 'commander';
import Table from 'cli-table3';
import type { CliApp } from '../cli-app.js';

/**
 * `voyager list [--select SEL] [--json]`: every asset (or the selection's, to preview what
 * `voyager materialize --select SEL` would run) with its group, image, partitions and deps.
 */
export function registerListCommand(program: Command, app: CliApp): void {
  program
    .command('list')
    .description('list every asset of the code location (topological order)')
    .option('-s, --select <selection>', 'only these assets: preview a selection without running it', '*')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean; select: string }) => {
      const defs = await app.loadDefinitions();
      const selected = new Set(defs.graph.select(opts.select).map((a) => a.key));
      const rows = defs.graph.assets
        .filter((a) => selected.has(a.key))
        .map((a) => ({
          key: a.key,
          group: a.group,
          image: a.image,
          partitions: a.partitions?.toJSON() ?? null,
          deps: a.deps.map((d) => d.key),
          checks: a.checks.map((c) => c.name),
          description: a.description,
        }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const table = new Table({
        head: ['asset', 'group', 'image', 'partitions', 'deps'],
        style: { head: [], border: [] },
      });
      for (const r of rows)
        table.push([
          r.key,
          r.group,
          r.image,
          r.partitions ? String(r.partitions.kind) : '',
          r.deps.join('\n'),
        ]);
      const of = rows.length === defs.graph.assets.length ? '' : ` of ${defs.graph.assets.length}`;
      process.stdout.write(`${table.toString()}\n${rows.length}${of} assets\n`);
    });
}
