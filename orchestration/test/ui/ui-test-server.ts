import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Definitions } from '@voyager/orchestration';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import { createLauncher } from '../../src/ui-server/launcher.js';
import { createUiApp } from '../../src/ui-server/ui-app.js';
import { lineageLayout, uiLayoutDir } from '../../src/ui-server/graph-layout.js';
import { loadDefinitions } from '../../src/cli/load-definitions.js';

/** The UI fixture project (definitions.ts with one asset per layer). */
export const FIXTURE_PROJECT = fileURLToPath(new URL('./fixture-project', import.meta.url));

/** A UI app on a real HTTP port over a throw-away embedded Postgres, API only (no built web app). */
export interface UiTestServer {
  readonly url: string;
  readonly runtime: TestRuntime;
  readonly definitions: Definitions;
  /** The app itself (its `routes` list what it serves). */
  readonly app: Hono;
  close(): Promise<void>;
}

/** Starts the API over the fixture project; `token` turns sign-in on. */
export async function startUiTestServer(options: { token?: string } = {}): Promise<UiTestServer> {
  const runtime = await createTestRuntime({ projectDir: FIXTURE_PROJECT });
  const definitions = await loadDefinitions(FIXTURE_PROJECT);
  const launcher = createLauncher({
    projectDir: FIXTURE_PROJECT,
    home: runtime.config.home,
    env: runtime.env,
  });
  const layout = lineageLayout(definitions, uiLayoutDir(runtime.config.home));
  const app = createUiApp({
    definitions,
    runtime,
    launcher,
    layout,
    ...(options.token ? { token: options.token } : {}),
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    definitions,
    app,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await layout().catch(() => {}); // it writes its cache file into the home when done
      await runtime.close();
    },
  };
}
