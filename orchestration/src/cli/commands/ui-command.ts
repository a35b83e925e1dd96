import type { Command } from 'commander';
import open from 'open';
import type { CliApp } from '../cli-app.js';
import { withRuntime } from '../with-runtime.js';
import { requireTokenFor } from '../../ui-server/auth.js';
import { startUiServer } from '../../ui-server/start-ui-server.js';

interface UiOptions {
  port: string;
  host: string;
  open?: boolean;
}

/**
 * `voyager ui [--port 3000] [--host 127.0.0.1] [--open]`: serves the web app (catalog, lineage,
 * runs, launch, dashboards) and its JSON API over the same run storage and warehouse as the other
 * commands, until Ctrl-C. A host other than loopback needs `VOYAGER_UI_TOKEN`.
 */
export function registerUiCommand(program: Command, app: CliApp): void {
  program
    .command('ui')
    .description('serve the web app: asset catalog, lineage, runs, launch and dashboards')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to bind (anything but loopback needs VOYAGER_UI_TOKEN)', '127.0.0.1')
    .option('--open', 'open the app in the default browser')
    .action(async (opts: UiOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw Object.assign(new Error(`--port must be a port number (got "${opts.port}")`), { usage: true });
      }
      const token = process.env.VOYAGER_UI_TOKEN || undefined;
      // refuse before starting Postgres: the answer does not depend on it
      requireTokenFor(opts.host, token);
      const definitions = await app.loadDefinitions();
      await withRuntime(app, { devServices: false }, async (runtime) => {
        const server = await startUiServer({
          definitions,
          runtime,
          port,
          host: opts.host,
          ...(token ? { token } : {}),
        });
        process.stderr.write(`voyager ui: ${server.url} (Ctrl-C to stop; launched runs keep going)\n`);
        if (opts.open) await open(server.url).catch(() => undefined);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await server.close();
      });
    });
}
