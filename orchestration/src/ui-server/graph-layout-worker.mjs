// One ELK layout off the server's event loop (worker_threads): receives an ELK graph as
// workerData, posts back the laid-out graph or { error }. Plain JavaScript so it runs the same
// from source (tsx, vitest) and from dist.
import { parentPort, workerData } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';

try {
  parentPort.postMessage({ graph: await new ELK().layout(workerData) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
