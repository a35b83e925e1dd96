import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliApp } from '../cli-app.js';
import { ExitCode } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { environmentSecrets } from '../../executor/materialize-step.js';
import { newRunId } from '../../executor/executor.js';
import { errorMessage } from '../../errors.js';

/** The importer `voyager import <path>` (one argument) runs: the code location's activity-file inbox path. */
const DEFAULT_IMPORTER = 'files';

/**
 * `voyager import [importer] <path>`: runs a one-off importer of the code location (e.g.
 * `strava-export` for Strava's bulk export, `lifting`) into the landing zone, recorded as a run.
 * With only a path, the `files` importer (activity files, zips, export archives) runs.
 */
export function registerImportCommand(program: Command, app: CliApp): void {
  program
    .command('import')
    .description(
      'import a file, folder or zip you have (activity files, exports; e.g. lifting <file>) into the landing zone',
    )
    .argument(
      '<importer-or-path>',
      `importer name (see \`voyager import --help\`), or the path for the ${DEFAULT_IMPORTER} importer`,
    )
    .argument('[path]', 'file, folder or zip to import')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', () => {
      const importers = app.loaded?.importers ?? [];
      if (importers.length === 0) return '';
      return `\nImporters:\n${importers.map((i) => `  ${i.name.padEnd(16)} ${i.description}`).join('\n')}`;
    })
    .action(async (first: string, second: string | undefined, opts: { json?: boolean }) => {
      const [name, path] = second === undefined ? [DEFAULT_IMPORTER, first] : [first, second];
      const defs = await app.loadDefinitions();
      const importer = defs.importers.find((i) => i.name === name);
      if (importer === undefined) {
        app.log.error(
          `unknown importer "${name}"; known: ${defs.importers.map((i) => i.name).join(', ') || 'none'}`,
        );
        process.exitCode = ExitCode.Usage;
        return;
      }
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        await withRuntime(app, { devServices: false }, async (runtime) => {
          const runId = newRunId();
          await runtime.runStorage.createRun({
            runId,
            selection: `import:${name}`,
            launchedBy: 'cli-import',
          });
          try {
            const summary = await importer.run({
              path: resolve(process.cwd(), path),
              runId,
              log: app.log.child({ importer: name, runId }),
              landing: runtime.landing,
              warehouse: runtime.warehouse,
              secrets: environmentSecrets(runtime.env),
              signal: controller.signal,
              projectDir: runtime.projectDir,
              env: runtime.env,
            });
            await runtime.runStorage.finishRun(runId, 'success');
            if (opts.json)
              process.stdout.write(JSON.stringify({ runId, ...summary.metadata }, null, 2) + '\n');
            else process.stdout.write(summary.lines.join('\n') + '\n');
          } catch (error) {
            await runtime.runStorage.finishRun(
              runId,
              controller.signal.aborted ? 'canceled' : 'failed',
              errorMessage(error),
            );
            throw error;
          }
        });
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
