import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { ImageDefinition } from '../assets/image.js';
import type { Metadata } from '../assets/json.js';
import type { AttemptOutcome, OutputOutcome } from './materialize-step.js';
import type { CheckOutcome } from './step.js';

/**
 * The container command of one step: `[...image.command, 'materialize', key, '--partition', P, '--run-id', R]`,
 * or, for a step of several partitions, `--from F --to T` (the half-open range of its keys) in
 * place of `--partition`. The same array is what ECS, DockerOperator and `--isolation process` run.
 */
export function stepCommand(
  image: ImageDefinition,
  assetKey: string,
  partitionKey: string | undefined,
  runId: string,
  range?: { readonly from: string; readonly to: string },
): string[] {
  return [
    ...image.command,
    'materialize',
    assetKey,
    ...(range !== undefined
      ? ['--from', range.from, '--to', range.to]
      : partitionKey === undefined
        ? []
        : ['--partition', partitionKey]),
    '--run-id',
    runId,
  ];
}

/** Thrown when an image's entry point has not been built (`npm run build`). */
export class EntryPointMissingError extends Error {
  constructor(readonly path: string) {
    super(`container entry point ${path} does not exist: run \`npm run build\` first`);
    this.name = 'EntryPointMissingError';
  }
}

/** Entry points (`node <file>`) of the images that are missing under `projectDir`. */
export function missingEntryPoints(images: readonly ImageDefinition[], projectDir: string): string[] {
  return images
    .filter((i) => i.command[0] === 'node')
    .map((i) => i.command.slice(1).find((arg) => !arg.startsWith('-') && /\.(m?js|ts)$/.test(arg)))
    .filter((entry): entry is string => entry !== undefined)
    .map((entry) => join(projectDir, entry))
    .filter((p) => !existsSync(p));
}

/** Options of {@link runProcessStep}. */
export interface ProcessStepOptions {
  readonly command: readonly string[];
  readonly attempt: number;
  readonly projectDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

/**
 * Runs one step as a child process with the container command (local `--isolation process`).
 * The child records its own events in run storage; its stdout's last JSON line is its outcome,
 * its stderr (JSON log lines) is forwarded to `log` at debug level. On abort the child gets SIGTERM.
 */
export function runProcessStep(options: ProcessStepOptions): Promise<AttemptOutcome> {
  const [program, ...args] = options.command;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(program!, [...args, '--attempt', String(options.attempt)], {
      cwd: options.projectDir,
      env: { ...options.env, VOYAGER_LAUNCHED_BY: 'local-process' } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onAbort = () => child.kill('SIGTERM');
    options.signal.addEventListener('abort', onAbort, { once: true });
    let lastJson: Record<string, unknown> | undefined;
    const tail: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        lastJson = JSON.parse(line) as Record<string, unknown>;
      } catch {
        options.log.debug({ line }, 'child stdout');
      }
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.log.debug({ child: line }, 'child log');
    });
    const finish = (code: number | null, spawnError?: Error) => {
      options.signal.removeEventListener('abort', onAbort);
      const durationMs = Date.now() - started;
      const canceled = options.signal.aborted;
      const status = canceled ? 'canceled' : code === 0 ? 'success' : 'failed';
      const lastError = [...tail]
        .reverse()
        .map(errorOfLine)
        .find((m) => m !== undefined);
      resolve({
        status,
        metadata: (lastJson?.metadata as Metadata | undefined) ?? {},
        checks: (lastJson?.checks as CheckOutcome[] | undefined) ?? [],
        blockedByCheck: lastJson?.blockedByCheck === true,
        nonRetryable: lastJson?.nonRetryable === true || code === 2,
        durationMs,
        outputs: (lastJson?.outputs as OutputOutcome[] | undefined) ?? [],
        ...(status === 'success'
          ? {}
          : {
              error:
                (lastJson?.error as string | undefined) ??
                spawnError?.message ??
                lastError ??
                `${options.command.join(' ')} exited with ${code}`,
            }),
      });
    };
    child.once('error', (error) => finish(null, error));
    child.once('close', (code) => finish(code));
  });
}

/** The `msg` of a JSON log line at level >= error (50), if any. */
function errorOfLine(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { level?: number; msg?: string };
    return (parsed.level ?? 0) >= 50 ? parsed.msg : undefined;
  } catch {
    return undefined;
  }
}
