import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Definitions } from '../assets/definitions.js';
import type { Runtime } from '../runtime/runtime.js';
import { requireTokenFor } from './auth.js';
import { createLauncher } from './launcher.js';
import { createUiApp } from './ui-app.js';
import { lineageLayout, uiLayoutDir } from './graph-layout.js';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  readonly definitions: Definitions;
  readonly runtime: Runtime;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. Anything else needs `token`. */
  readonly host?: string;
  /** `VOYAGER_UI_TOKEN`. */
  readonly token?: string;
  /** Folder of the built web app; default `orchestration/ui/dist` (built on first use). */
  readonly staticDir?: string;
}

/** A listening UI server. */
export interface UiServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Where `npm run build -w @voyager/ui` writes the web app. */
export const UI_DIST_DIR = fileURLToPath(new URL('../../ui/dist', import.meta.url));

/** Builds the web app when its `index.html` is missing (a fresh clone). @throws Error when the build fails. */
export function ensureUiBuilt(dir = UI_DIST_DIR): void {
  if (existsSync(`${dir}/index.html`)) return;
  process.stderr.write('building the web app (npm run build -w @voyager/ui)...\n');
  const cwd = fileURLToPath(new URL('../../..', import.meta.url));
  const res = spawnSync('npm', ['run', 'build', '--silent', '-w', '@voyager/ui'], { cwd, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('npm run build -w @voyager/ui failed');
}

/**
 * Starts `voyager ui`: the web app and its API over `runtime` (the CLI's run storage and
 * warehouse), launching runs as `voyager materialize` child processes.
 *
 * @throws UiConfigError for a non-loopback host without a token (before listening).
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const host = options.host ?? '127.0.0.1';
  requireTokenFor(host, options.token);
  const staticDir = options.staticDir ?? UI_DIST_DIR;
  ensureUiBuilt(staticDir);
  const launcher = createLauncher({
    projectDir: options.runtime.projectDir,
    home: options.runtime.config.home,
    env: options.runtime.env,
  });
  const layout = lineageLayout(options.definitions, uiLayoutDir(options.runtime.config.home));
  const app = createUiApp({
    definitions: options.definitions,
    runtime: options.runtime,
    launcher,
    layout,
    staticDir,
    ...(options.token ? { token: options.token } : {}),
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 3000);
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await layout().catch(() => {}); // it writes its cache file into the home when done
    },
  };
}
