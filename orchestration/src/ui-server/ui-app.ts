import { Hono } from 'hono';
import type { Definitions } from '../assets/definitions.js';
import type { Runtime } from '../runtime/runtime.js';
import { errorMessage, isUsageError } from '../errors.js';
import { GraphError } from '../graph/graph-error.js';
import { PartitionError } from '../assets/partitions.js';
import { installAuth } from './auth.js';
import { dbtProjectsOf } from './asset-detail.js';
import { lineageLayout, uiLayoutDir } from './graph-layout.js';
import { HealthResponse, type GraphLayout } from './api-schemas.js';
import { openApiDocument } from './openapi.js';
import type { Launcher } from './launcher.js';
import { assetRoutes } from './routes/asset-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { martRoutes } from './routes/mart-routes.js';
import { activityRoutes } from './routes/activity-routes.js';
import { staticRoutes } from './routes/static-routes.js';

/** What the UI's HTTP app needs. */
export interface UiAppOptions {
  readonly definitions: Definitions;
  readonly runtime: Runtime;
  readonly launcher: Launcher;
  /** `VOYAGER_UI_TOKEN`: when set, every page and API call needs sign-in. */
  readonly token?: string;
  /**
   * The lineage layout; default: {@link lineageLayout} of `definitions`, cached under the home.
   * Pass it to wait for it before removing the home (it writes its cache file when done).
   */
  readonly layout?: () => Promise<GraphLayout>;
  /** Folder of the built web app (`orchestration/ui/dist`); unset: API only. */
  readonly staticDir?: string;
}

/** Dependencies every route module gets. */
export interface RouteContext extends Omit<UiAppOptions, 'layout'> {
  readonly dbtProjects: ReturnType<typeof dbtProjectsOf>;
  /** The lineage layout, computed once at start (see {@link lineageLayout}). */
  readonly layout: () => Promise<GraphLayout>;
}

/**
 * The `voyager ui` HTTP app (Hono): sign-in when a token is set, the JSON API under `/api`
 * (see `api-schemas.ts` and the README's API table) and the built web app with a fallback to
 * `index.html` for its client-side routes. Errors answer `{ error }` in one line: 400 for a bad
 * selection, partition or request, 404 for an unknown asset or run, 500 otherwise.
 */
export function createUiApp(options: UiAppOptions): Hono {
  const app = new Hono();
  const ctx: RouteContext = {
    ...options,
    dbtProjects: dbtProjectsOf(options.runtime.projectDir),
    // laid out now, in a worker thread: ready by the time someone opens the lineage page
    layout: options.layout ?? lineageLayout(options.definitions, uiLayoutDir(options.runtime.config.home)),
  };
  app.onError((error, c) => {
    const message = errorMessage(error);
    if (error instanceof GraphError && /^unknown asset/.test(message)) return c.json({ error: message }, 404);
    if (error instanceof GraphError || error instanceof PartitionError || isUsageError(error))
      return c.json({ error: message }, 400);
    process.stderr.write(`voyager ui: ${message}\n`);
    return c.json({ error: message }, 500);
  });
  app.get('/api/health', (c) => c.json(HealthResponse.parse({ ok: true })));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  installAuth(app, options.token);
  app.route('/api', assetRoutes(ctx));
  app.route('/api', runRoutes(ctx));
  app.route('/api', martRoutes(ctx));
  app.route('/api', activityRoutes(ctx));
  app.all('/api/*', (c) => c.json({ error: `no API route ${c.req.method} ${c.req.path}` }, 404));
  if (options.staticDir !== undefined) app.route('/', staticRoutes(options.staticDir));
  return app;
}
