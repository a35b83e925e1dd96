import { Hono } from 'hono';
import { ActivityStreams, StreamAxis } from '../api-schemas.js';
import { activityStreams } from '../activity-streams.js';
import type { RouteContext } from '../ui-app.js';

/** `/api/activities/:id/streams?x=time|distance`: an activity's streams (downsampled) and route. */
export function activityRoutes(ctx: RouteContext): Hono {
  const r = new Hono();
  r.get('/activities/:id/streams', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,19}$/.test(id))
      return c.json({ error: `activity id ${id} is not a Strava activity id (digits)` }, 400);
    const axis = StreamAxis.safeParse(c.req.query('x') ?? 'time');
    if (!axis.success) return c.json({ error: `x must be time or distance, not ${c.req.query('x')}` }, 400);
    return c.json(ActivityStreams.parse(await activityStreams(ctx.runtime.warehouse, id, axis.data)));
  });
  return r;
}
