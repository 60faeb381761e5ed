/**
 * Takes a PNG of the caseload screens (Ma file active, a person's pathway panel, the workload
 * board), in French, at phone (390 px) and tablet (800 px) widths, into /tmp/shots/caseload/.
 * Starts its own server on a fresh demo network (build dist/web first):
 *
 *   node --import tsx test/browser/screenshot-caseload.ts
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO, launchBrowser, signIn, startServer } from './helpers.js';

const OUT_DIR = join(process.env.SHOTS_DIR ?? '/tmp/shots', 'caseload');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`${path}\n`);
}

async function shootAt(browser: Browser, baseUrl: string, width: number): Promise<void> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width, height: width < 600 ? 844 : 1024 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, baseUrl, DEMO.coordinator);
  await page.goto(`${baseUrl}/file-active`);
  await page.locator('.cap-line').waitFor();
  await shoot(page, `${String(width)}-caseload`);
  const row = page.locator('tr', { has: page.locator('.tag-pathway-suspended') }).first();
  await row.locator('th a').click();
  const panel = page.locator('section.pathway-panel');
  await panel.getByRole('button', { name: 'Rendre actif' }).click();
  await panel.scrollIntoViewIfNeeded();
  await shoot(page, `${String(width)}-person-pathway`);
  await page.goto(`${baseUrl}/charge`);
  await page.getByRole('row', { name: /Sophie Martin/ }).waitFor();
  await page.getByRole('button', { name: 'Désigner un gestionnaire de cas' }).first().click();
  await shoot(page, `${String(width)}-board`);
  await context.close();
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    for (const width of [390, 800]) await shootAt(browser, server.baseUrl, width);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
