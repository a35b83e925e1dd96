import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestRuntime, type TestRuntime } from '@voyager/orchestration/testing';
import { loadDefinitions } from '../../../src/cli/load-definitions.js';
import { startUiServer, type UiServer } from '../../../src/ui-server/start-ui-server.js';
import { FIXTURE_PROJECT } from '../ui-test-server.js';
import { launchChromium, screenshot } from './browser.js';

// End to end: the built web app served by startUiServer over a throw-away embedded Postgres,
// driven in headless Chromium. Runs launched here spawn the real `voyager materialize`.
const TOKEN = 'e2e-token-0123456789';
let runtime: TestRuntime;
let server: UiServer;
let guarded: UiServer;
let browser: Browser;
let page: Page;

// page.evaluate with a string: the test's tsconfig has no DOM types
const activeText = (p: Page) => p.evaluate<string | undefined>('document.activeElement?.textContent');

beforeAll(async () => {
  runtime = await createTestRuntime({ projectDir: FIXTURE_PROJECT });
  const definitions = await loadDefinitions(FIXTURE_PROJECT);
  server = await startUiServer({ definitions, runtime, port: 0 });
  guarded = await startUiServer({ definitions, runtime, port: 0, token: TOKEN });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await guarded?.close();
  await server?.close();
  await runtime?.close();
});

describe('voyager ui in Chromium', () => {
  it('launches a run with a preview and watches it finish live', async () => {
    await page.goto(`${server.url}/launch`);
    await page.getByLabel('Selection', { exact: true }).fill('*');
    await expect.poll(() => page.locator('ol.preview li').count()).toBe(4);
    await screenshot(page, 'launch');
    await page.getByRole('button', { name: /Materialize 4 assets/ }).click();
    await page.waitForURL(/\/runs\/\d{8}T/);
    await page.locator('.facts .badge-success').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByRole('log', { name: 'Log lines of the run' }).textContent())
      .toContain('run finished');
    await screenshot(page, 'run');
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('cell', { name: 'ui', exact: true }).first().waitFor();
    await screenshot(page, 'runs');
  });

  it('opens the catalog, filters by the CLI selection syntax', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('table.data tbody tr').count()).toBe(4);
    expect(await page.locator('table.data tbody .badge-materialized').count()).toBe(4);
    await screenshot(page, 'assets');
    await page.getByLabel('Selection', { exact: true }).fill('+staging/stg_demo__activities');
    await expect.poll(() => page.locator('table.data tbody tr').count()).toBe(2);
    await page.getByLabel('Selection', { exact: true }).fill('');
  });

  it('clicks through lineage to an asset page', async () => {
    await page.goto(`${server.url}/lineage`);
    const node = page.locator('.react-flow__node', { hasText: 'staging/stg_demo__activities' });
    await node.waitFor();
    expect(await page.locator('.react-flow__node.lineage-group').count()).toBe(3);
    await node.click();
    await page.getByText('1 upstream · 1 downstream').waitFor();
    await screenshot(page, 'lineage');
    await page.getByRole('link', { name: 'Open staging/stg_demo__activities' }).click();
    await page.getByRole('heading', { name: 'staging/stg_demo__activities' }).waitFor();
    await page.getByRole('heading', { name: 'Materializations over time' }).waitFor();
    await screenshot(page, 'asset');
  });

  it('shows the partition grid of a partitioned asset', async () => {
    await page.goto(`${server.url}/assets/${encodeURIComponent('landing/demo/readings')}`);
    await page.getByRole('group', { name: 'Partitions' }).waitFor();
    expect(await page.locator('.partition-grid .cell-materialized').count()).toBe(1);
    await screenshot(page, 'asset-partitions');
  });

  it('opens the dashboards, drawn from the marts', async () => {
    await page.goto(`${server.url}/dashboards`);
    await expect.poll(() => page.locator('.panel canvas').count(), { timeout: 20_000 }).toBe(10);
    await page.getByRole('heading', { name: 'Recent workouts' }).waitFor();
    await page.getByRole('heading', { name: 'Eddington number' }).waitFor();
    expect(await page.getByText('Not built yet').count()).toBe(0);
    await screenshot(page, 'dashboards');
  });

  it('opens an activity with its streams against time and distance, and its route', async () => {
    await page.goto(`${server.url}/dashboards`);
    await page.getByRole('link', { name: 'Demo Run 119' }).click();
    await page.getByRole('heading', { name: 'Demo Run 119' }).waitFor();
    await expect.poll(() => page.locator('.stream-charts canvas').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.getByText('Pace (min/km)').count()).toBe(1);
    await page.locator('svg.route polyline').waitFor();
    await screenshot(page, 'activity');
    await page.getByLabel('Distance').check();
    await page.getByRole('img', { name: 'Heart rate (bpm) over km' }).waitFor();
  });

  it('draws the route of an activity without streams from its summary polyline', async () => {
    await page.goto(`${server.url}/dashboards/activities/1118`);
    await page.getByRole('heading', { name: 'Demo Run 118' }).waitFor();
    await page.getByText('No streams recorded for this activity.').waitFor();
    await page.getByText("From Strava's summary polyline").waitFor();
    await page.getByRole('img', { name: /41 positions from the summary polyline/ }).waitFor();
    expect(await page.locator('svg.route polyline').count()).toBe(1);
  });

  it('works by keyboard and at phone width', async () => {
    await page.goto(server.url);
    await page.locator('table.data tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Assets');
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(server.url);
    await phone.locator('table.data tbody tr').first().waitFor();
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'assets-phone');
    await phone.close();
  });

  it('asks for the token when one is set, and lets the right one in', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(guarded.url);
    expect(new URL(p.url()).pathname).toBe('/signin');
    await screenshot(p, 'signin');
    await p.getByLabel(/Access token/).fill('wrong');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').waitFor();
    await p.getByLabel(/Access token/).fill(TOKEN);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Assets' }).waitFor();
    await context.close();
  });
});
