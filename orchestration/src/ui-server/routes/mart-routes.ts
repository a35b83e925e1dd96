import { Hono } from 'hono';
import { MartQueryName, MartRows } from '../api-schemas.js';
import { martRows } from '../marts.js';
import type { RouteContext } from '../ui-app.js';

/** `/api/marts/:name`: the dashboards' queries over the marts (see {@link MartQueryName}). */
export function martRoutes(ctx: RouteContext): Hono {
  const r = new Hono();
  r.get('/marts/:name', async (c) => {
    const name = MartQueryName.safeParse(c.req.param('name'));
    if (!name.success)
      return c.json(
        { error: `no mart query ${c.req.param('name')} (one of: ${MartQueryName.options.join(', ')})` },
        404,
      );
    return c.json(MartRows.parse(await martRows(ctx.runtime.warehouse, name.data)));
  });
  return r;
}
