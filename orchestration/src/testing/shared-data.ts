import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * Absolute path of a file or folder in the shared third-party data beside the checkout
 * (`../shared/data/<relative>`, or `$VOYAGER_SHARED_DATA/<relative>`). Tests read other people's
 * data from there; it is never copied into the repository.
 * @throws Error naming the missing path and where it was looked for.
 */
export function sharedData(relative = ''): string {
  const base = process.env.VOYAGER_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
  const path = join(base, relative);
  if (!existsSync(path)) {
    throw new Error(
      `shared test data ${relative || '(root)'} not found at ${path}: the tests read third-party data from ../shared/data beside the checkout (or VOYAGER_SHARED_DATA)`,
    );
  }
  return path;
}
