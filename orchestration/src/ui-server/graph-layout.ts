import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Definitions } from '../assets/definitions.js';
import { GraphLayout } from './api-schemas.js';
import { elkGraphOf, layoutFromElk, type LayoutInput } from './elk-graph.js';

/** Runs one ELK layout in a worker thread, so the server keeps answering meanwhile. */
function layoutInWorker(input: ElkNode): Promise<ElkNode> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./graph-layout-worker.mjs', import.meta.url), { workerData: input });
    worker.once('message', (m: { graph?: ElkNode; error?: string }) => {
      void worker.terminate();
      if (m.graph) resolve(m.graph);
      else reject(new Error(`lineage layout failed: ${m.error ?? 'no answer'}`));
    });
    worker.once('error', reject);
  });
}

/** Where a home keeps its lineage layouts: `<VOYAGER_HOME>/ui-layout`. */
export const uiLayoutDir = (home: string): string => join(home, 'ui-layout');

/** A cached layout, or undefined when the file is not one (broken, or from an older shape). */
function parseLayout(text: string): GraphLayout | undefined {
  try {
    const parsed = GraphLayout.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The graph of a code location as the layout needs it. */
export function layoutInputOf(defs: Definitions): LayoutInput {
  return {
    nodes: defs.graph.assets.map((a) => ({ key: a.key, group: a.group })),
    edges: defs.graph.assets.flatMap((a) => a.deps.map((d) => ({ from: d.key, to: a.key }))),
  };
}

/**
 * The lineage layout of `defs`, computed once per graph shape: ELK (seconds for 1,000 assets) runs
 * in a worker thread as soon as this is called, and the result is kept in memory and in
 * `<cacheDir>/<sha256 of the ELK input>.json`, so a restart of `voyager ui` over the same graph
 * answers at once. A broken cache file is ignored and rewritten.
 * @returns a getter: the same promise on every call. Rejects when ELK fails.
 */
export function lineageLayout(defs: Definitions, cacheDir: string): () => Promise<GraphLayout> {
  const input = elkGraphOf(layoutInputOf(defs));
  const file = join(cacheDir, `${createHash('sha256').update(JSON.stringify(input)).digest('hex')}.json`);
  const compute = async (): Promise<GraphLayout> => {
    const cached = await readFile(file, 'utf8').then(parseLayout, () => undefined);
    if (cached) return cached;
    const layout = layoutFromElk(await layoutInWorker(input));
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, JSON.stringify(layout));
    return layout;
  };
  const promise = compute();
  promise.catch(() => {}); // reported to the request that asks for it
  return () => promise;
}
