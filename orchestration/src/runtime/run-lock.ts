import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';

/** Thrown when another process runs in the same `VOYAGER_HOME`; the CLI exits 2. */
export class RunInProgressError extends Error {
  readonly usage = true;
  constructor(
    readonly runId: string,
    readonly pid: number,
    readonly startedAt: string,
  ) {
    super(
      `run ${runId} is in progress (pid ${pid}, started ${startedAt}) in this VOYAGER_HOME; wait for it, or stop it with Ctrl-C`,
    );
    this.name = 'RunInProgressError';
  }
}

interface LockContent {
  readonly runId: string;
  readonly pid: number;
  readonly startedAt: string;
}

/** A held run lock; `release()` removes it (only if it is still ours). */
export interface RunLock {
  release(): Promise<void>;
}

/**
 * Takes the one-run-at-a-time lock of a `VOYAGER_HOME`: the file `<home>/run.lock` holding the
 * run id, pid and start time, created exclusively. A lock left by a process that is gone (killed)
 * is taken over.
 *
 * @throws RunInProgressError when a live process holds it.
 */
export async function acquireRunLock(home: string, runId: string): Promise<RunLock> {
  await mkdir(home, { recursive: true });
  const file = join(home, 'run.lock');
  const mine: LockContent = { runId, pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 50) throw error;
    }
    const held = await readLock(file);
    if (held !== undefined && held.pid !== process.pid && isAlive(held.pid)) {
      throw new RunInProgressError(held.runId, held.pid, held.startedAt);
    }
    if (held === undefined && (await isYoung(file))) {
      await new Promise((r) => setTimeout(r, 100)); // being written by its taker right now
      continue;
    }
    await unlink(file).catch(() => {});
  }
  return {
    async release() {
      const held = await readLock(file);
      if (held?.pid === process.pid && held.runId === runId) await unlink(file).catch(() => {});
    },
  };
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockContent;
  } catch {
    return undefined; // gone, or half-written by a process killed while writing it
  }
}

async function isYoung(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs < 5_000;
  } catch {
    return false;
  }
}
