import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` holding a mutex shared by every process on this machine: the directory `lockDir`
 * (mkdir is atomic), holding a `pid` file. A lock whose process is gone (killed with SIGKILL inside
 * `fn`) is broken. Used for the short decisions around the embedded Postgres (start, adopt, stop).
 *
 * @throws Error when the lock is still held by a live process after `timeoutMs` (default 60 000).
 */
export async function withDirMutex<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockDir)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lockDir} is held by another voyager process`);
    await sleep(50);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** A lock is stale when its holder is gone; a lock without its pid file yet is young, unless older than 5 s. */
async function isStale(lockDir: string): Promise<boolean> {
  try {
    const pid = Number(await readFile(join(lockDir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  } catch {
    try {
      return Date.now() - (await stat(lockDir)).mtimeMs > 5_000;
    } catch {
      return false; // released meanwhile
    }
  }
}
