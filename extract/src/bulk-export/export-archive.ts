import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { ObjectStore } from '@voyager/orchestration';
import yauzl from 'yauzl';

/** Read access to a Strava "Download your data" export: an unpacked folder or the `.zip`. Names are `/`-separated relative paths. */
export interface ExportArchive {
  /** Every file name in the archive. */
  readonly names: ReadonlySet<string>;
  /** The file's bytes, or `undefined` when the archive lacks it. */
  read(name: string): Promise<Buffer | undefined>;
  /** The file as a stream (a zip inside the archive is copied to disk, not read whole), or `undefined`. */
  stream(name: string): Promise<Readable | undefined>;
  close(): Promise<void>;
}

/** Thrown when the path is neither a folder nor a readable zip. */
export class ExportArchiveError extends Error {
  readonly retryable = false;
  /** The user named a path that cannot be read: the CLI exits 2 (usage error). */
  readonly usage = true;
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot read the Strava export at ${path}: ${reason}`);
    this.name = 'ExportArchiveError';
  }
}

async function walk(root: string, out: Set<string>): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.add(relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

/** A zip file on disk at `path`, read with yauzl one entry at a time; `label` names it in errors. */
async function zipArchive(label: string, path: string): Promise<ExportArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new ExportArchiveError(label, (error as Error).message);
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve());
    zip.once('error', reject);
    zip.readEntry();
  });
  const stream = async (name: string): Promise<Readable | undefined> => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    return new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
  };
  return {
    names: new Set(entries.keys()),
    async read(name) {
      const s = await stream(name);
      if (!s) return undefined;
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    stream,
    close: async () => zip.close(),
  };
}

/**
 * Opens an export: a folder (as unpacked by the user) or the `.zip` Strava mails (read with yauzl,
 * one entry at a time).
 * @throws ExportArchiveError when the path does not exist or is not a zip.
 */
export async function openExportArchive(path: string): Promise<ExportArchive> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ExportArchiveError(path, 'no such file or folder');
  if (!info.isDirectory()) return zipArchive(path, path);
  const names = new Set<string>();
  await walk(path, names);
  const file = (name: string) => join(path, ...name.split('/'));
  return {
    names,
    read: async (name) => (names.has(name) ? readFile(file(name)) : undefined),
    stream: async (name) => (names.has(name) ? createReadStream(file(name)) : undefined),
    close: async () => {},
  };
}

/**
 * Opens a zip file on disk (an inbox archive spooled to a temporary file), named `label` in
 * messages; entries are read one at a time.
 * @throws ExportArchiveError when the file is not a zip.
 */
export function openZipFile(label: string, path: string): Promise<ExportArchive> {
  return zipArchive(label, path);
}

/**
 * The objects of a landing-style store under `prefix` as an archive (an unpacked export in an
 * S3 or local inbox); names are relative to `prefix`.
 */
export async function openStoreArchive(store: ObjectStore, prefix: string): Promise<ExportArchive> {
  const names = new Set((await store.list(prefix)).map((o) => o.key.slice(prefix.length)));
  return {
    names,
    read: async (name) => (names.has(name) ? store.get(`${prefix}${name}`) : undefined),
    stream: async (name) => (names.has(name) ? store.getStream(`${prefix}${name}`) : undefined),
    close: async () => {},
  };
}
