import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** Characters of rejected rows kept in memory before the spool moves them to a temp file. */
const MEMORY_CHARS = 4 * 1024 * 1024;

/**
 * Holds the rejected rows of a bulk load (COPY text lines) while the main COPY runs, in memory
 * up to 4 M characters, then in a temp file: memory stays flat however many rows are rejected.
 */
export class RejectSpool {
  private lines: string[] = [];
  private chars = 0;
  private dir: string | undefined;
  private file: WriteStream | undefined;

  /** Adds COPY lines (each ending with `\n`). */
  async add(lines: readonly string[]): Promise<void> {
    for (const l of lines) {
      this.lines.push(l);
      this.chars += l.length;
    }
    if (this.chars < MEMORY_CHARS) return;
    if (!this.file) {
      this.dir = await mkdtemp(join(tmpdir(), 'voyager-rejects-'));
      this.file = createWriteStream(join(this.dir, 'rejects.copy'));
    }
    if (!this.file.write(this.lines.join(''))) await once(this.file, 'drain');
    this.lines = [];
    this.chars = 0;
  }

  /** Everything added, in order, as one stream; call once, after the last `add`. */
  async read(): Promise<Readable | string> {
    if (!this.file) return this.lines.join('');
    this.file.end();
    await once(this.file, 'finish');
    const rest = this.lines.join('');
    const stream = createReadStream(join(this.dir!, 'rejects.copy'), 'utf8');
    if (rest === '') return stream;
    const { PassThrough } = await import('node:stream');
    const all = new PassThrough();
    stream.on('error', (e) => all.destroy(e));
    stream.on('end', () => all.end(rest));
    stream.pipe(all, { end: false });
    return all;
  }

  /** Removes the temp file, if any. */
  async dispose(): Promise<void> {
    this.file?.destroy();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
