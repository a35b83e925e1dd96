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
    await expect.poll(() => page.locator('.panel canvas').count(), { timeout: 20_000 }).toBe(12);
    await page.getByRole('heading', { name: 'Recent workouts' }).waitFor();
    await page.getByRole('heading', { name: 'Eddington number', exact: true }).waitFor();
    await page
      .getByRole('img', { name: 'Eddington number in km over time for Ride, Run: Ride 30, Run 5' })
      .waitFor();
    expect(await page.getByText('Not built yet').count()).toBe(0);
    await screenshot(page, 'dashboards');
  });

  it('shows time in heart-rate zones per week and per day, zones with their bpm bounds, from the fixture', async () => {
    await page.goto(`${server.url}/dashboards#heart-rate`);
    const panel = page.locator('section.panel', { hasText: 'Time in heart-rate zones' });
    const totals = await runtime.warehouse.query<{ z1: number; z5: number; days: number; weeks: number }>(
      `select sum(time_in_zone_1_s) / 3600.0 as z1, sum(time_in_zone_5_s) / 3600.0 as z5, count(*)::int as days,
              count(distinct date_trunc('week', date_day))::int as weeks from marts.fct_daily_heart_rate`,
    );
    const t = totals.rows[0]!;
    const stat = (label: string) => panel.locator('.stats div', { hasText: label }).locator('dd');
    expect(await stat('zone 1 (< 120 bpm)').textContent()).toBe(`${Number(t.z1).toFixed(1)} h`);
    expect(await stat('zone 5 (≥ 180 bpm)').textContent()).toBe(`${Number(t.z5).toFixed(1)} h`);
    await panel.getByText('zone 2 (120–150 bpm)').waitFor();
    await panel
      .getByRole('img', { name: `Hours in heart-rate zones 1 to 5 per week over ${t.weeks} weeks` })
      .waitFor();
    await panel.getByLabel('Day (latest 60)').check();
    await panel
      .getByRole('img', {
        name: `Minutes in heart-rate zones 1 to 5 per day over ${Math.min(60, t.days)} days`,
      })
      .waitFor();
  });

  it('switches the lifting panels between Epley and Brzycki, and sets, reps and tonnage', async () => {
    await page.goto(`${server.url}/dashboards#lifting`);
    const orm = page.locator('section.panel', { hasText: 'Estimated 1RM progression' });
    await orm.getByRole('img', { name: /^Best Epley one-rep max to date of / }).waitFor();
    await orm.getByLabel(/Brzycki/).check();
    await orm.getByRole('img', { name: /^Best Brzycki one-rep max to date of / }).waitFor();
    const volume = page.locator('section.panel', { hasText: 'Lifting volume by week' });
    await volume.getByLabel('Tonnage').check();
    await volume
      .getByRole('img', {
        name: /^Tonnage per week over \d+ weeks, by muscle group: arms, back, chest, legs, shoulders$/,
      })
      .waitFor();
  });

  it('opens an activity with its streams against time and distance, and its route', async () => {
    await page.goto(`${server.url}/dashboards`);
    await page.getByRole('link', { name: 'Demo Run 119' }).click();
    await page.getByRole('heading', { name: 'Demo Run 119' }).waitFor();
    await expect.poll(() => page.locator('.stream-charts canvas').count(), { timeout: 20_000 }).toBe(4);
    expect(await page.getByText('Pace (min/km)').count()).toBe(1);
    await page
      .getByText('From source record -1119, whose streams win (see Sources).', { exact: false })
      .waitFor();
    await page.locator('svg.route polyline').waitFor();
    // its weather and its sources (fixture: demo-activity-marts.ts)
    const weather = page.locator('dl.weather-start');
    await weather.getByText('rain', { exact: true }).waitFor();
    expect(await weather.textContent()).toContain('6.4 °C (feels 3.9 °C)');
    const over = page.locator('dl.weather-over');
    await over.getByText('20m 00s (40 %), mean component 1.9 m/s').waitFor();
    expect(await over.textContent()).toContain('Tailwind10m 00s (20 %)Calm5m 00s (10 %)');
    await expect.poll(() => page.locator('table.sources tbody tr').count()).toBe(3);
    await page.getByRole('cell', { name: 'fit (demo-run-119.fit)' }).waitFor();
    expect(await page.locator('table.sources td.differs').count()).toBe(4); // the FIT's start, time, distance, name
    const winners = await page.locator('ul.field-winners').textContent();
    expect(winners).toContain('Distance differs');
    expect(winners).toContain('api won — summary, name, sport and gear');
    expect(winners).toContain(
      'Streams: fit (demo-run-119.fit) won — streams: a device file beats the export and the API',
    );
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
