import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';

/**
 * The processes using one embedded Postgres: one empty file per pid in `dir`. The last user to
 * leave stops the server, whoever started it, so a `voyager sql` that started it never stops it
 * under a running `npm start`, and a server orphaned by a killed CLI is stopped by the next one.
 * Callers hold the server's mutex.
 */
export class ServerUsers {
  constructor(readonly dir: string) {}

  /** Registers this process. */
  async join(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, String(process.pid)), '');
  }

  /** Unregisters this process and returns how many live users remain (dead ones are pruned). */
  async leave(): Promise<number> {
    await rm(join(this.dir, String(process.pid)), { force: true });
    return this.live();
  }

  /** Live users (pruning files of processes that are gone). */
  async live(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let n = 0;
    for (const name of names) {
      const pid = Number(name);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) n += 1;
      else if (pid !== process.pid) await rm(join(this.dir, name), { force: true });
    }
    return n;
  }
}
