import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLogFile } from './run-logs.js';

/** Thrown when a launch cannot start: names what was wrong (bad partition, child exited). */
export class LaunchError extends Error {
  readonly usage = true;
  constructor(message: string) {
    super(message);
    this.name = 'LaunchError';
  }
}

/** What to run: the arguments of `voyager materialize`. */
export interface LaunchArgs {
  readonly select: string;
  readonly partition?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Options of {@link createLauncher}. */
export interface LauncherOptions {
  readonly projectDir: string;
  /** `$VOYAGER_HOME`: launch logs go to `<home>/logs/`. */
  readonly home: string;
  /** Environment of the child (the UI's own, so it uses the same warehouse and landing). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long to wait for the child to record its run; default 120 s (dev services, dbt parsing). */
  readonly startTimeoutMs?: number;
}

/** Starts and cancels `voyager materialize` child processes. */
export interface Launcher {
  /** Spawns the run and resolves once it recorded its run id. @throws LaunchError */
  launch(args: LaunchArgs): Promise<{ runId: string; command: string[] }>;
  /** Sends SIGINT (a clean cancel) to a run this server launched; false when it holds no such process. */
  cancel(runId: string): boolean;
  /** Whether this server holds the process of `runId`. */
  holds(runId: string): boolean;
}

const VOYAGER_BIN = fileURLToPath(new URL('../../bin/voyager.js', import.meta.url));

/** The `voyager materialize` arguments of a launch. */
export function materializeArgs(a: LaunchArgs): string[] {
  return [
    'materialize',
    '--select',
    a.select,
    ...(a.partition ? ['--partition', a.partition] : []),
    ...(a.from ? ['--from', a.from] : []),
    ...(a.to ? ['--to', a.to] : []),
  ];
}

/**
 * Launches runs as the real CLI does: `voyager materialize` in a detached child process (its own
 * process group), so closing the browser, or even stopping the UI server, does not stop the run.
 * The child's log lines (pino JSON, one per event) go to `<home>/logs/launch-<id>.ndjson`,
 * hard-linked as `<runId>.ndjson` once the run id is known, where the run page reads them.
 */
export function createLauncher(options: LauncherOptions): Launcher {
  const children = new Map<string, ChildProcess>();
  const logs = join(options.home, 'logs');
  return {
    async launch(args) {
      mkdirSync(logs, { recursive: true });
      const file = join(logs, `launch-${Date.now()}-${randomBytes(3).toString('hex')}.ndjson`);
      const fd = openSync(file, 'a');
      const argv = materializeArgs(args);
      const child = spawn(process.execPath, [VOYAGER_BIN, ...argv], {
        cwd: options.projectDir,
        env: {
          ...options.env,
          VOYAGER_LAUNCHED_BY: 'ui',
          VOYAGER_LOG_LEVEL: childLogLevel(options.env.VOYAGER_LOG_LEVEL),
        },
        detached: true,
        // stdout (the summary table) is dropped: the run page shows the same from run storage
        stdio: ['ignore', 'ignore', fd],
      });
      closeSync(fd);
      child.unref();
      let exitCode: number | null | undefined;
      child.on('exit', (code) => (exitCode = code));
      const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
      for (;;) {
        const runId = runIdIn(file);
        if (runId !== undefined) {
          const target = runLogFile(options.home, runId);
          if (!existsSync(target)) linkSync(file, target);
          children.set(runId, child);
          child.on('exit', () => children.delete(runId));
          return { runId, command: ['voyager', ...argv] };
        }
        if (exitCode !== undefined)
          throw new LaunchError(lastError(file) ?? `voyager materialize exited with code ${exitCode}`);
        if (Date.now() > deadline) {
          child.kill('SIGTERM');
          throw new LaunchError('voyager materialize did not start its run in time');
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    cancel(runId) {
      const child = children.get(runId);
      if (child?.pid === undefined) return false;
      // the bin launcher leaves SIGINT to its process group, as a terminal's Ctrl-C would
      process.kill(-child.pid, 'SIGINT');
      return true;
    },
    holds(runId) {
      return children.has(runId);
    },
  };
}

function lines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

function runIdIn(file: string): string | undefined {
  const started = lines(file).find((l) => l.msg === 'run started' && typeof l.runId === 'string');
  return started?.runId as string | undefined;
}

function lastError(file: string): string | undefined {
  const errors = lines(file).filter((l) => typeof l.level === 'number' && l.level >= 50);
  const last = errors.at(-1);
  if (last === undefined) return readFileSync(file, 'utf8').trim().split('\n').at(-1) || undefined;
  return typeof last.msg === 'string' && last.msg !== 'voyager failed'
    ? last.msg
    : String(last.err ?? last.msg);
}

/** The child logs at `info` at least: the run page needs its `run started` and `step ...` lines. */
function childLogLevel(level: string | undefined): string {
  return level === 'debug' || level === 'trace' ? level : 'info';
}
