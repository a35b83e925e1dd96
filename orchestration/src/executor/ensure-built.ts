import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageDefinition } from '../assets/image.js';
import { missingEntryPoints } from './process-step.js';

/** Newest modification time (ms) of the TypeScript sources under `<projectDir>/<package>/src/`. */
function newestSourceMtime(projectDir: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true, recursive: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith('.ts'))
        newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
    }
  };
  for (const pkg of readdirSync(projectDir, { withFileTypes: true })) {
    if (pkg.isDirectory() && pkg.name !== 'node_modules' && !pkg.name.startsWith('.'))
      walk(join(projectDir, pkg.name, 'src'));
  }
  return newest;
}

/**
 * Whether the images' built entry points (`node <pkg>/dist/...js`) must be (re)built before
 * process isolation: one is missing, or a package source is newer than the oldest of them, so a
 * child process never runs stale code.
 */
export function entryPointsNeedBuild(images: readonly ImageDefinition[], projectDir: string): boolean {
  if (missingEntryPoints(images, projectDir).length > 0) return true;
  const entries = images
    .filter((i) => i.command[0] === 'node')
    .map((i) => i.command.slice(1).find((arg) => !arg.startsWith('-') && /\.m?js$/.test(arg)))
    .filter((e): e is string => e !== undefined)
    .map((e) => statSync(join(projectDir, e)).mtimeMs);
  if (entries.length === 0) return false;
  return newestSourceMtime(projectDir) > Math.min(...entries);
}
