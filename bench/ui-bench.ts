/**
 * UI benchmark (issue 14): the API answer times of the catalog and graph of a generated
 * 1,000-asset graph and of a run page with 100,000 events, on a real embedded Postgres; and,
 * when the web app is built and Debian's Chromium is installed, the time each page takes to
 * render in headless Chromium. Targets: 300 ms at the API, 1 s to render. The lineage layout is
 * computed once when the server starts (ELK in a worker thread): its time is a figure of its own.
 * Called by `bench/run.ts`.
 */
import { existsSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { createTestRuntime, generatedDefinitions } from '@voyager/orchestration/testing';
import { chromium } from 'playwright-core';
import { createUiApp } from '../orchestration/src/ui-server/ui-app.js';
import { createLauncher } from '../orchestration/src/ui-server/launcher.js';
import { UI_DIST_DIR } from '../orchestration/src/ui-server/start-ui-server.js';
import { storedSteps } from '../orchestration/src/ui-server/run-events-query.js';

const ASSETS = 1_000;
const EVENTS = 100_000;
/** The run page's steps as they were read before `voyager.run_steps`: grouped from every event of the run. */
const STEPS_GROUPED_FROM_EVENTS = `select asset_key, partition_key,
    min(coalesce(started_at, finished_at - coalesce(duration_ms, 0) * interval '1 millisecond')) as started_at,
    max(finished_at) as finished_at, max(attempt) as attempts,
    (array_agg(event_type order by event_id desc))[1] as last_event_type
  from voyager.asset_events where run_id = $1 and event_type <> 'check'
  group by asset_key, partition_key order by 3`;
const CHROMIUM = process.env.VOYAGER_CHROMIUM ?? '/usr/bin/chromium';

/** Best of `runs` timings of `fn`, in ms. */
async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

/** Runs the UI benchmark: figures for `--json` and lines for people. */
export async function runUiBench(): Promise<{ figures: Record<string, number>; lines: string[] }> {
  const runtime = await createTestRuntime();
  const definitions = generatedDefinitions({ assets: ASSETS });
  const keys = definitions.graph.assets.map((a) => a.key);
  let server: ServerType | undefined;
  try {
    await runtime.runStorage.createRun({ runId: 'bench', selection: '*' });
    // 100,000 events of one run: every asset materialized and checked 50 times over
    await runtime.warehouse.query(
      `insert into voyager.asset_events (run_id, asset_key, event_type, check_name, status, metadata, duration_ms)
       select 'bench', ($1::text[])[1 + i % $2], case when i % 2 = 0 then 'materialization' else 'check' end,
              case when i % 2 = 1 then 'rows_positive' end, 'success', jsonb_build_object('rows', i), 10
         from generate_series(0, $3 - 1) as i`,
      [keys, keys.length, EVENTS],
    );
    await runtime.runStorage.finishRun('bench', 'success');
    const launcher = createLauncher({
      projectDir: runtime.projectDir,
      home: runtime.config.home,
      env: runtime.env,
    });
    const built = existsSync(`${UI_DIST_DIR}/index.html`);
    const app = createUiApp({ definitions, runtime, launcher, ...(built ? { staticDir: UI_DIST_DIR } : {}) });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const getJson = (path: string) => fetch(`${url}${path}`).then((r) => r.json());
    // the server lays the graph out once, in a worker thread, when it starts (cached on disk
    // per graph shape): measured on its own, then out of the way of the other figures
    const t0 = performance.now();
    await getJson('/api/graph/layout');
    const figures: Record<string, number> = {
      layout_1k_once_at_start_ms: Math.round(performance.now() - t0),
      api_assets_1k_ms: Math.round(await best(5, () => getJson('/api/assets'))),
      api_graph_1k_ms: Math.round(await best(5, () => getJson('/api/graph'))),
      api_graph_layout_1k_ms: Math.round(await best(5, () => getJson('/api/graph/layout'))),
      api_run_100k_events_ms: Math.round(await best(3, () => getJson('/api/runs/bench'))),
    };
    // the run page's steps, the way before `voyager.run_steps` (a baseline on the same rows) and now
    const pool = runtime.warehouse;
    figures.run_steps_grouped_from_events_before_ms = Math.round(
      await best(3, () => pool.query(STEPS_GROUPED_FROM_EVENTS, ['bench'])),
    );
    figures.run_steps_from_table_ms = Math.round(await best(3, () => storedSteps(pool, 'bench')));
    if (built && existsSync(CHROMIUM)) {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const render = async (path: string, selector: string) => {
        await page.goto(`${url}/`); // warm: bundle cached, as for a user moving between pages
        return best(2, async () => {
          await page.goto(`${url}${path}`);
          await page.locator(selector).first().waitFor({ timeout: 60_000 });
        });
      };
      figures.render_catalog_1k_ms = Math.round(await render('/', 'table.data tbody tr:not(.spacer)'));
      figures.render_lineage_1k_ms = Math.round(await render('/lineage', '.react-flow__node.lineage-node'));
      figures.render_run_100k_events_ms = Math.round(await render('/runs/bench', '.virtual-row'));
      await browser.close();
    }
    const lines = Object.entries(figures).map(([k, v]) => `${k.padEnd(38)} ${v} ms`);
    lines.push('targets: every api_* under 300 ms, every render_* under 1,000 ms');
    if (!built || !existsSync(CHROMIUM))
      lines.push('(render figures need `npm run build -w @voyager/ui` and Chromium at /usr/bin/chromium)');
    return { figures, lines };
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runtime.close();
  }
}
