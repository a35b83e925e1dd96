import { spawnSync } from 'node:child_process';
import { Option, type Command } from 'commander';
import type { CliApp } from '../cli-app.js';
import { ExitCode } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { relative } from 'node:path';
import { executeRun, newRunId, type Isolation } from '../../executor/executor.js';
import { entryPointsNeedBuild } from '../../executor/ensure-built.js';
import { bothReporters, liveReporter, logLineReporter } from '../progress/reporter.js';
import { createRunLogger, runLogFile } from '../run-logger.js';
import { nextSteps } from '../progress/next-steps.js';
import { renderSummaryTable } from '../progress/summary-table.js';
import { loadConfig } from '../../config/environment.js';
import { acquireRunLock } from '../../runtime/run-lock.js';

interface MaterializeOptions {
  select: string;
  partition?: string;
  from?: string;
  to?: string;
  concurrency: string;
  isolation: Isolation;
  json?: boolean;
}

/**
 * `voyager materialize`: runs a selection on this machine (the main job of `npm start`), with a
 * live display on a TTY and log lines otherwise, ending with a summary table (or `--json`).
 * First Ctrl-C cancels cleanly (run recorded as canceled); a second one exits at once.
 */
export function registerMaterializeCommand(program: Command, app: CliApp): void {
  program
    .command('materialize')
    .description('materialize assets locally (default: every asset)')
    .option(
      '-s, --select <selection>',
      'assets: key, group:NAME, +key (with upstream), key+ (with downstream), *',
      '*',
    )
    .option(
      '-p, --partition <key>',
      'one partition of the partitioned assets (default: the latest complete one, plus the partitions each asset reports missing: a catch-up)',
    )
    .option('--from <key>', 'backfill: first partition of the range [from, to)')
    .option(
      '--to <key>',
      'backfill: end of the range, not run (--from 2016-04-12T00 --to 2016-04-13T00 is 24 hourly partitions)',
    )
    .option('-c, --concurrency <n>', 'steps running at once', '4')
    .addOption(
      new Option(
        '--isolation <mode>',
        'in-process, or process: each step runs its image entry point as a child process',
      )
        .choices(['in-process', 'process'])
        .default('in-process'),
    )
    .option('--json', 'print the run result as JSON on stdout instead of the table')
    .action(async (opts: MaterializeOptions) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        app.log.error(`--concurrency must be a whole number >= 1 (got "${opts.concurrency}")`);
        process.exitCode = ExitCode.Usage;
        return;
      }
      const defs = await app.loadDefinitions();
      // validate the selection and partitions before anything starts
      const images = new Set(defs.graph.select(opts.select).map((a) => defs.imageOf(a.key)));
      if (opts.isolation === 'process' && entryPointsNeedBuild(defs.images, app.projectDir)) {
        process.stderr.write(
          'building the image entry points for process isolation (npm run build: missing or older than the sources)...\n',
        );
        const build = spawnSync('npm', ['run', 'build', '--silent'], {
          cwd: app.projectDir,
          stdio: 'inherit',
        });
        if (build.status !== 0) throw new Error('npm run build failed');
      }
      const runId = newRunId();
      // one run at a time per VOYAGER_HOME, checked before any service or step starts
      const home = loadConfig(app.projectDir, process.env).home;
      const lock = await acquireRunLock(home, runId);
      const live = !opts.json && process.stderr.isTTY === true && process.env.CI === undefined;
      // every run's lines go to its log file (voyager logs <run>); to stderr too, unless behind the live display
      const logFile = runLogFile(home, runId);
      const runLog = await createRunLogger(logFile, !live);
      const lines = logLineReporter(runLog);
      const reporter = live ? bothReporters(liveReporter(), lines) : lines;
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = () => {
        interrupts += 1;
        if (interrupts === 1) {
          reporter.note('canceling: waiting for running steps to stop (Ctrl-C again to exit at once)');
          controller.abort();
        } else process.exit(130);
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      try {
        const result = await withRuntime(
          app,
          {
            devServices: true,
            validate: (env) => [...images].flatMap((image) => image.validateEnvironment?.(env) ?? []),
          },
          (runtime) => {
            return executeRun({
              definitions: defs,
              runtime,
              runId,
              log: runLog,
              selection: opts.select,
              ...(opts.partition ? { partition: opts.partition } : {}),
              ...(opts.from ? { from: opts.from } : {}),
              ...(opts.to ? { to: opts.to } : {}),
              concurrency,
              isolation: opts.isolation,
              signal: controller.signal,
              onEvent: (e) => reporter.onEvent(e),
            });
          },
        );
        reporter.stop();
        if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else {
          process.stdout.write(renderSummaryTable(result, process.stdout.isTTY === true));
          process.stdout.write(`${nextSteps(result)}\n`);
        }
        const shown = relative(process.cwd(), logFile);
        process.stderr.write(`logs: ${shown.startsWith('..') ? logFile : shown} (voyager logs ${runId})\n`);
        process.exitCode =
          result.status === 'success'
            ? ExitCode.Ok
            : result.status === 'canceled'
              ? 130
              : ExitCode.AssetFailed;
      } finally {
        reporter.stop();
        await lock.release();
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
    });
}
