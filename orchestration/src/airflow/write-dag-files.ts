import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { GeneratedFile } from './generated-file.js';
import { GENERATED_MARKER } from './render-dag.js';

/** What {@link writeDagFiles} did, as paths relative to the output folder. */
export interface WriteDagFilesResult {
  readonly written: readonly string[];
  /** Files a previous build generated that this one no longer has (a removed schedule's DAG). */
  readonly removed: readonly string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function isGenerated(content: string): boolean {
  // Python files start with the marker itself; README.md with it inside an HTML comment.
  return content.startsWith(GENERATED_MARKER) || content.startsWith(`<!-- ${GENERATED_MARKER.slice(2)}`);
}

/**
 * Writes a bundle from `compileDags` under `outDir` (created if missing), then deletes the files
 * under `outDir/dags` and `outDir/plugins` that an earlier build generated and this one does not
 * contain, so a deleted schedule does not leave a stale DAG behind (nor a bundle of an earlier
 * version its operator package under `plugins/`). Files not written by `voyager dags build` are
 * never touched.
 */
export async function writeDagFiles(
  outDir: string,
  files: readonly GeneratedFile[],
): Promise<WriteDagFilesResult> {
  const wanted = new Set(files.map((f) => f.path));
  const removed: string[] = [];
  for (const sub of ['dags', 'plugins']) {
    for (const file of await listFiles(join(outDir, sub))) {
      const rel = relative(outDir, file).split(sep).join('/');
      if (wanted.has(rel)) continue;
      if (isGenerated(await readFile(file, 'utf8'))) {
        await rm(file);
        removed.push(rel);
      }
    }
  }
  for (const f of files) {
    const path = join(outDir, ...f.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content, 'utf8');
  }
  return { written: files.map((f) => f.path), removed: removed.sort() };
}
