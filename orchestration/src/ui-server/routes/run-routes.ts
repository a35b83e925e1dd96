import { stat } from 'node:fs/promises';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import {
  CancelResponse,
  LaunchRequest,
  LaunchResponse,
  LogPage,
  RunDetail,
  RunList,
  RunStatus,
} from '../api-schemas.js';
import { eventDto, runDto } from '../dto.js';
import { readRunLogs, runLogFile } from '../run-logs.js';
import { runSteps } from '../run-detail.js';
import { newestEventsOfRun, storedSteps } from '../run-events-query.js';

/** Events a run page gets (the newest); the count says how many there are in all. */
const EVENTS_SHOWN = 2000;
import { rerunArgs } from '../rerun.js';
import type { RouteContext } from '../ui-app.js';

/** `/api/runs`, `/api/runs/:id`, `/api/runs/:id/logs`, `/api/runs/:id/stream` (SSE), `/api/runs/:id/cancel`, `/api/launch`. */
export function runRoutes(ctx: RouteContext): Hono {
  const r = new Hono();
  const home = ctx.runtime.config.home;
  const pool = ctx.runtime.warehouse;

  r.get('/runs', async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 100) || 100, 1), 1000);
    const status = RunStatus.optional().parse(c.req.query('status') || undefined);
    const runs = await ctx.runtime.runStorage.recentRuns(limit, status ? { status } : {});
    return c.json(RunList.parse({ runs: runs.map(runDto) }));
  });

  r.get('/runs/:id', async (c) => {
    const run = await ctx.runtime.runStorage.getRun(c.req.param('id'));
    if (run === undefined) return c.json({ error: `no run ${c.req.param('id')}` }, 404);
    const [stored, newest, logs] = await Promise.all([
      storedSteps(pool, run.runId),
      newestEventsOfRun(pool, run.runId, EVENTS_SHOWN),
      run.status === 'running' ? readRunLogs(home, run.runId) : Promise.resolve({ lines: [] }),
    ]);
    return c.json(
      RunDetail.parse({
        run: runDto(run),
        steps: runSteps(run, stored, logs.lines),
        events: newest.events.map(eventDto),
        eventCount: newest.total,
        cancelable: run.status === 'running' && ctx.launcher.holds(run.runId),
      }),
    );
  });

  r.get('/runs/:id/logs', async (c) => {
    const after = Number(c.req.query('after') ?? -1);
    return c.json(
      LogPage.parse(await readRunLogs(home, c.req.param('id'), Number.isFinite(after) ? after : -1)),
    );
  });

  r.get('/runs/:id/stream', (c) => {
    const runId = c.req.param('id');
    return streamSSE(c, async (stream) => {
      let last = '';
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      while (open) {
        const run = await ctx.runtime.runStorage.getRun(runId);
        if (run === undefined) break;
        const events = await pool.query<{ n: number }>(
          'select count(*)::int as n from voyager.asset_events where run_id = $1',
          [runId],
        );
        const size = await stat(runLogFile(home, runId)).then(
          (s) => s.size,
          () => 0,
        );
        const message = JSON.stringify({
          status: run.status,
          events: events.rows[0]?.n ?? 0,
          logLines: size,
        });
        if (message !== last) {
          await stream.writeSSE({ event: 'run', data: message });
          last = message;
        }
        if (run.status !== 'running') break;
        await stream.sleep(500);
      }
    });
  });

  r.post('/runs/:id/cancel', (c) => {
    const runId = c.req.param('id');
    if (!ctx.launcher.cancel(runId))
      return c.json(
        { error: `run ${runId} was not launched by this server (cancel it where it runs: Ctrl-C)` },
        409,
      );
    return c.json(CancelResponse.parse({ canceled: runId }));
  });

  r.post('/launch', async (c) => {
    const parsed = LaunchRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => i.message).join('; ') }, 400);
    const req = parsed.data;
    const args =
      req.rerunOf !== undefined ? await rerunArgs(ctx, req.rerunOf) : { ...req, select: req.select! };
    const selected = ctx.definitions.graph.select(args.select);
    // the API's `to` is the last partition picked (the grid's cells, a rerun's failed ones): the
    // CLI's --to is the end of the half-open range [from, to), the partition after it
    const partitions = selected.find((a) => a.partitions !== undefined)?.partitions;
    const to = args.to !== undefined && partitions ? partitions.exclusiveEnd(args.to) : args.to;
    const launched = await ctx.launcher.launch({ ...args, ...(to !== undefined ? { to } : {}) });
    return c.json(LaunchResponse.parse(launched), 201);
  });
  return r;
}
