import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store.js';

/** Rejects keys that could escape the root (`..`, absolute paths) or are empty. */
export function assertSafeKey(key: string): void {
  if (key.length === 0 || key.startsWith('/') || key.split('/').some((s) => s === '..' || s === '')) {
    throw new Error(`landing key "${key}" must be a relative path without empty or ".." segments`);
  }
}

/**
 * A landing zone in a local folder (default `./.voyager/landing`). Writes go to a temp file
 * beside the target and are renamed into place, so a reader never sees half an object.
 */
export class LocalObjectStore implements ObjectStore {
  readonly url: string;
  readonly #root: string;

  constructor(root: string) {
    this.#root = resolve(root);
    this.url = this.#root;
  }

  #path(key: string): string {
    assertSafeKey(key);
    return join(this.#root, ...key.split('/'));
  }

  async put(key: string, body: Buffer | string | Readable): Promise<void> {
    const target = this.#path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      if (typeof body === 'string' || Buffer.isBuffer(body)) await writeFile(tmp, body);
      else await pipeline(body, createWriteStream(tmp));
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.#path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFoundError(this.url, key);
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    const path = this.#path(key);
    if (!(await this.exists(key))) throw new ObjectNotFoundError(this.url, key);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.#path(key))).isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true, recursive: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (!e.isFile() || e.name.endsWith('.tmp')) continue;
        const full = join(e.parentPath, e.name);
        const key = relative(this.#root, full).split(sep).join('/');
        if (key.startsWith(prefix)) out.push({ key, size: (await stat(full)).size });
      }
    };
    // walk only the deepest folder the prefix names
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    await walk(folder === '' ? this.#root : this.#path(folder));
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    await Promise.all(objects.map((o) => rm(this.#path(o.key), { force: true })));
    return objects.length;
  }
}
