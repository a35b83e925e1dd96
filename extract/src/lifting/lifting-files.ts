import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Extensions of the files the lifting importer reads. */
const LIFTING_EXTENSIONS = /\.(csv|xlsx)$/i;

/**
 * The lifting-log files at `path`: the file itself, or the `.csv` / `.xlsx` files directly in the
 * folder (sorted by name, so an import's order is stable). An absent folder has none.
 */
export async function listLiftingFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return [path];
  const names = await readdir(path);
  return names
    .filter((n) => LIFTING_EXTENSIONS.test(n) && !n.startsWith('.'))
    .sort()
    .map((n) => join(path, n));
}
