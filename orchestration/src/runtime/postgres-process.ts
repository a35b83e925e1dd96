import { spawn, execFileSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { isAlive } from './process-alive.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server running on a data directory: pid and port from `postmaster.pid` (lines 1 and 4), if it lives. */
export async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return { pid, port };
}

/** Whether something already listens on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/** uid/gid of the `postgres` user when we run as root (Postgres refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Spawns the `postgres` binary on `dataDir` in its own session (`detached: true`, i.e. setsid), so
 * the terminal's Ctrl-C (sent to the whole foreground process group) never reaches it: the CLI
 * records a canceled run first and stops the server itself. The server outlives a crashed CLI; the
 * next start adopts it. Server messages go to `logFile`. Resolves once it accepts connections.
 *
 * @throws Error with the end of the server log when it exits before accepting connections (30 s).
 */
export async function spawnDetachedPostgres(options: {
  postgresBin: string;
  dataDir: string;
  port: number;
  logFile: string;
  url: string;
}): Promise<number> {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(options.postgresBin, ['-D', options.dataDir, '-p', String(options.port)], {
    detached: true,
    stdio: ['ignore', fd, fd],
    ...postgresUser(),
  });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  child.unref();
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) break;
    const client = new pg.Client({ connectionString: options.url });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return child.pid!;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) break;
    await sleep(100);
  }
  const log = (await readFile(options.logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-3);
  throw new Error(`the server exited: ${log.join(' | ') || 'no message'}`);
}

/** Stops the server of `dataDir` (fast shutdown, SIGINT) and waits until it is gone (up to 60 s). */
export async function stopPostgres(dataDir: string): Promise<void> {
  const server = await runningServer(dataDir);
  if (server === undefined) return;
  try {
    process.kill(server.pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 60_000;
  while (isAlive(server.pid) && Date.now() < deadline) await sleep(50);
}
