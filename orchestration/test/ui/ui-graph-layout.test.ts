import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedDefinitions } from '@voyager/orchestration/testing';
import { lineageLayout } from '../../src/ui-server/graph-layout.js';

// The lineage layout is ELK run by the server (in a worker thread) and cached per graph shape.
const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'voyager-layout-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('lineage layout (ELK in a worker thread, cached per graph shape)', () => {
  const defs = generatedDefinitions({ assets: 30, groupSize: 10 });

  it('places every asset inside its group box, upstream left of downstream', async () => {
    const layout = await lineageLayout(defs, await tempDir())();
    expect(layout.assets.map((a) => a.key).sort()).toEqual(defs.graph.assets.map((a) => a.key).sort());
    expect(layout.groups.map((g) => g.id).sort()).toEqual(['g0', 'g1', 'g2']);
    const at = new Map(layout.assets.map((a) => [a.key, a]));
    for (const a of layout.assets) {
      const g = layout.groups.find((x) => x.id === a.group)!;
      expect(a.x).toBeGreaterThanOrEqual(g.x);
      expect(a.y).toBeGreaterThanOrEqual(g.y);
      expect(a.x + layout.node.width).toBeLessThanOrEqual(g.x + g.width);
      expect(a.y + layout.node.height).toBeLessThanOrEqual(g.y + g.height);
    }
    for (const a of defs.graph.assets)
      for (const d of a.deps) expect(at.get(d.key)!.x, `${d.key} -> ${a.key}`).toBeLessThan(at.get(a.key)!.x);
  });

  it('reads the cached layout of the same graph instead of laying it out again; a broken cache file is rewritten', async () => {
    const dir = await tempDir();
    const first = await lineageLayout(defs, dir)();
    const [file] = await readdir(dir);
    expect(file).toMatch(/^[0-9a-f]{64}\.json$/);
    // a marker only the cache can return
    await writeFile(join(dir, file!), JSON.stringify({ ...first, groups: [] }));
    expect((await lineageLayout(defs, dir)()).groups).toEqual([]);
    await writeFile(join(dir, file!), '{ broken');
    expect((await lineageLayout(defs, dir)()).groups).toHaveLength(3);
    expect(JSON.parse(await readFile(join(dir, file!), 'utf8')).groups).toHaveLength(3);
  });
});
