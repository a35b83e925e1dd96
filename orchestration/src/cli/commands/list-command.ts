import type { Command } from 'commander';
import Table from 'cli-table3';
import type { CliApp } from '../cli-app.js';

/** `voyager list [--json]`: every asset with its group, image, partitions and deps. */
export function registerListCommand(program: Command, app: CliApp): void {
  program
    .command('list')
    .description('list every asset of the code location (topological order)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const defs = await app.loadDefinitions();
      const rows = defs.graph.assets.map((a) => ({
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
      process.stdout.write(`${table.toString()}\n${rows.length} assets\n`);
    });
}
