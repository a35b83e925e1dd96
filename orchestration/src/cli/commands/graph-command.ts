import { Option, type Command } from 'commander';
import type { CliApp } from '../cli-app.js';
import { renderGraph, type GraphFormat } from '../../graph/render-graph.js';

/** `voyager graph [--format mermaid|dot|json]`: the asset graph, for the README or Graphviz. */
export function registerGraphCommand(program: Command, app: CliApp): void {
  program
    .command('graph')
    .description('print the asset graph (Mermaid by default)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['mermaid', 'dot', 'json']).default('mermaid'),
    )
    .action(async (opts: { format: GraphFormat }) => {
      const defs = await app.loadDefinitions();
      process.stdout.write(renderGraph(defs.graph, opts.format));
    });
}
