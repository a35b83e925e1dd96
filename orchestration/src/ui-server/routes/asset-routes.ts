import { Hono } from 'hono';
import {
  AssetDetail,
  AssetList,
  CheckList,
  GraphLayout,
  GraphResponse,
  PartitionsResponse,
  SelectionResponse,
} from '../api-schemas.js';
import { assetDetail } from '../asset-detail.js';
import { buildCatalog, readCatalogInputs } from '../catalog.js';
import { eventDto } from '../dto.js';
import { partitionStatuses } from '../partitions.js';
import type { RouteContext } from '../ui-app.js';
import { errorMessage } from '../../errors.js';

/** `/api/assets`, `/api/assets/:key`, `/api/assets/:key/partitions`, `/api/graph`, `/api/graph/layout`, `/api/selection`, `/api/checks`. Keys are URL-encoded (`landing%2Fstrava%2Factivities`). */
export function assetRoutes(ctx: RouteContext): Hono {
  const r = new Hono();
  const catalog = async () => buildCatalog(ctx.definitions, await readCatalogInputs(ctx.runtime.runStorage));

  r.get('/assets', async (c) => c.json(AssetList.parse({ assets: await catalog() })));

  r.get('/graph', async (c) => {
    const assets = await catalog();
    return c.json(
      GraphResponse.parse({
        nodes: assets.map((a) => ({
          key: a.key,
          group: a.group,
          kind: a.kind,
          status: a.status,
          stale: a.stale,
        })),
        edges: assets.flatMap((a) => a.deps.map((d) => ({ from: d, to: a.key }))),
      }),
    );
  });

  r.get('/graph/layout', async (c) => c.json(GraphLayout.parse(await ctx.layout())));

  r.get('/selection', (c) => {
    const select = c.req.query('select') ?? '';
    try {
      const keys = ctx.definitions.graph.select(select).map((a) => a.key);
      return c.json(SelectionResponse.parse({ keys, error: null }));
    } catch (error) {
      return c.json(SelectionResponse.parse({ keys: [], error: errorMessage(error) }));
    }
  });

  r.get('/checks', async (c) => {
    const checks = await ctx.runtime.runStorage.latestCheckResults();
    return c.json(CheckList.parse({ checks: checks.map(eventDto) }));
  });

  r.get('/assets/:key/partitions', async (c) => {
    const res = await partitionStatuses(ctx.definitions, ctx.runtime.runStorage, c.req.param('key'));
    if (res === undefined) return c.json({ error: `asset ${c.req.param('key')} is not partitioned` }, 404);
    return c.json(PartitionsResponse.parse(res));
  });

  r.get('/assets/:key', async (c) => {
    const key = c.req.param('key');
    ctx.definitions.graph.get(key);
    const summary = (await catalog()).find((a) => a.key === key)!;
    const detail = await assetDetail({
      defs: ctx.definitions,
      summary,
      pool: ctx.runtime.warehouse,
      projectDir: ctx.runtime.projectDir,
      dbtProjects: ctx.dbtProjects,
    });
    return c.json(AssetDetail.parse(detail));
  });
  return r;
}
