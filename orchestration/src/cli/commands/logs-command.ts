import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { CliApp } from '../cli-app.js';
import { loadConfig } from '../../config/environment.js';
import { runLogFile } from '../run-logger.js';

/** Thrown for a run without a log file here; the CLI exits 2. */
class NoRunLogError extends Error {
  readonly usage = true;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const OWN_FIELDS = new Set(['level', 'time', 'msg', 'assetKey', 'step', 'runId']);

/** One log line for humans: `HH:MM:SS LEVEL [asset] message {other fields}`. */
function formatLine(entry: Record<string, unknown>): string {
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const where = entry.assetKey ?? entry.step;
  const rest = Object.fromEntries(Object.entries(entry).filter(([k]) => !OWN_FIELDS.has(k)));
  return [
    time,
    (LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5),
    where ? `[${String(where)}]` : '',
    String(entry.msg ?? ''),
    Object.keys(rest).length > 0 ? JSON.stringify(rest) : '',
  ]
    .filter((p) => p !== '')
    .join(' ');
}

/**
 * `voyager logs [run] [--step KEY] [--json]`: the log lines of a local run, from
 * `$VOYAGER_HOME/logs/<run>.ndjson` (default: the latest run); `--step` keeps one asset's lines.
 */
export function registerLogsCommand(program: Command, app: CliApp): void {
  program
    .command('logs')
    .description('log lines of a local run (default: the latest), from $VOYAGER_HOME/logs/<run>.ndjson')
    .argument('[run]', 'run id (see voyager status)')
    .option('--step <key>', "only this asset's lines (asset key, as in voyager list)")
    .option('--json', 'print the JSON lines as stored')
    .action(async (run: string | undefined, opts: { step?: string; json?: boolean }) => {
      const home = loadConfig(app.projectDir, process.env).home;
      const dir = dirname(runLogFile(home, 'x'));
      let runId = run;
      if (runId === undefined) {
        const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.ndjson')).sort() : [];
        runId = files.at(-1)?.replace(/\.ndjson$/, '');
        if (runId === undefined)
          throw new NoRunLogError(`no run logs in ${dir} yet: run voyager materialize first`);
      }
      const file = runLogFile(home, runId);
      if (!existsSync(file)) {
        throw new NoRunLogError(
          `no log file for run ${runId} in ${dir} (only runs of voyager materialize on this machine have one)`,
        );
      }
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        if (line.trim() === '') continue;
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // a line cut by a killed process
        }
        const step = typeof entry.step === 'string' ? entry.step.split('[')[0] : undefined;
        if (opts.step !== undefined && entry.assetKey !== opts.step && step !== opts.step) continue;
        process.stdout.write(`${opts.json ? line : formatLine(entry)}\n`);
      }
    });
}
