import { Hono, type Context } from 'hono';
import { ActivityStreams, MartRows, StreamAxis } from '../api-schemas.js';
import { activityStreams } from '../activity-streams.js';
import { activityMartRows } from '../activity-marts.js';
import type { RouteContext } from '../ui-app.js';

/** An activity id: Strava's (positive) or a device file's of no Strava activity (negative). */
const ACTIVITY_ID = /^-?\d{1,19}$/;
const badId = (c: Context, id: string) =>
  c.json({ error: `activity id ${id} is not an activity id (an integer)` }, 400);

/**
 * `/api/activities/:id/streams?x=time|distance`: an activity's streams (downsampled) and route;
 * `/api/activities/:id/summary`, `/sources` and `/weather`: its rows of `marts.fct_activities`,
 * `marts.fct_activity_sources` and `marts.fct_activity_weather`.
 */
export function activityRoutes(ctx: RouteContext): Hono {
  const r = new Hono();
  r.get('/activities/:id/streams', async (c) => {
    const id = c.req.param('id');
    if (!ACTIVITY_ID.test(id)) return badId(c, id);
    const axis = StreamAxis.safeParse(c.req.query('x') ?? 'time');
    if (!axis.success) return c.json({ error: `x must be time or distance, not ${c.req.query('x')}` }, 400);
    return c.json(ActivityStreams.parse(await activityStreams(ctx.runtime.warehouse, id, axis.data)));
  });
  for (const name of ['summary', 'sources', 'weather'] as const)
    r.get(`/activities/:id/${name}`, async (c) => {
      const id = c.req.param('id');
      if (!ACTIVITY_ID.test(id)) return badId(c, id);
      return c.json(MartRows.parse(await activityMartRows(ctx.runtime.warehouse, name, id)));
    });
  return r;
}
