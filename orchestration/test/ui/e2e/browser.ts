import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`), driven by playwright-core: no browser is ever
 * downloaded. `VOYAGER_CHROMIUM` overrides the path.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.VOYAGER_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go: test artifacts always; the README's folder too with `VOYAGER_UI_SCREENSHOTS=docs`. */
const ARTIFACTS = join(process.cwd(), 'test-results', 'ui');
const DOCS = join(process.cwd(), 'docs', 'screenshots');

/** Saves a full-page screenshot as `test-results/ui/<name>.png` (and `docs/screenshots/` when asked). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.VOYAGER_UI_SCREENSHOTS === 'docs') {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, join(DOCS, `${name}.png`));
  }
}
