import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An archive copied to a temporary file by stream: its path there, and the sha256 and size of its bytes. */
export interface SpooledFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Temporary files for the archives of one inbox pass. Each zip (an inbox object, or a zip inside
 * a zip) is copied here by stream, hashed on the way, and opened from disk, where yauzl reads the
 * central directory and one entry at a time: an export of gigabytes never sits whole in memory.
 * `release` removes one file once its archive is taken; `close` removes the folder.
 */
export class ArchiveSpool {
  #dir: string | undefined;
  #next = 0;

  /** Copies `source` to a new temporary file. Errors of the source (a failed S3 read) are thrown. */
  async spool(source: Readable): Promise<SpooledFile> {
    this.#dir ??= await mkdtemp(join(tmpdir(), 'voyager-inbox-'));
    const path = join(this.#dir, `${++this.#next}.zip`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(source, tap, createWriteStream(path));
    return { path, sha256: hash.digest('hex'), size };
  }

  /** Removes one spooled file. */
  async release(file: SpooledFile): Promise<void> {
    await rm(file.path, { force: true });
  }

  /** Removes the temporary folder and whatever is left in it. */
  async close(): Promise<void> {
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
