// Build step after tsc: copies the files tsc does not emit (the run-storage SQL migrations, the
// lineage layout worker) from src/ to dist/, so the compiled package finds them beside its code.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const COPIED = /\.(sql|py|json|ya?ml|mjs)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COPIED.test(name)) cpSync(path, join(dist, relative(src, path)));
  }
}
walk(src);
