/**
 * PNGs of the screens of issue 17's "contacts at a glance" and "phones and tables", at 390 and
 * 768 px, into /tmp/shots-reach/ (SHOTS_DIR): the directory results, a service, a member, the
 * home list and the accounts table. Starts its own server on the demo data (build first):
 *
 *   npm run build && node --import tsx test/browser/screenshot-dir-reach.ts
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FIXTURE, idOf, seedDirectory } from './directory-fixtures.js';
import { DEMO, launchBrowser, signIn, startServer } from './helpers.js';

const OUT_DIR = process.env.SHOTS_DIR ?? '/tmp/shots-reach';

/** The whole page, or its first screen; long pages also in parts of 1,200 px (to look at). */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  process.stdout.write(`${path}\n`);
  if (!fullPage) return;
  const width = await page.evaluate<number>('document.documentElement.clientWidth');
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  for (let y = 0, part = 1; y < Math.min(height, 3600); y += 1200, part++) {
    const clip = { x: 0, y, width, height: Math.min(1200, height - y) };
    await page.screenshot({ path: join(OUT_DIR, `${name}-${part}.png`), fullPage: true, clip });
  }
}

async function pageAs(browser: Browser, baseUrl: string, email: string, width: number) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width, height: 844 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  return page;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const admin = await seedDirectory(server.baseUrl);
    const nurseId = await idOf(admin, FIXTURE.nurse);
    await admin.call('PUT', `/api/directory/members/${nurseId}/accepting`, { accepting: 'yes' });
    const serviceId = await idOf(admin, FIXTURE.meals);
    for (const width of [390, 768]) {
      let page = await pageAs(browser, server.baseUrl, DEMO.coordinator, width);
      await shoot(page, `${width}-home`);
      await page.goto(`${server.baseUrl}/directory?q=domicile`);
      await page.locator('.result-card').first().waitFor();
      await shoot(page, `${width}-results`);
      await shoot(page, `${width}-results-screen`, false);
      await page.goto(`${server.baseUrl}/directory?accepting=yes&type=member`);
      await page.locator('.result-card').first().waitFor();
      await shoot(page, `${width}-accepting-members`);
      await page.goto(`${server.baseUrl}/directory/services/${serviceId}`);
      await page.locator('#contact-title').waitFor();
      await shoot(page, `${width}-service`);
      await shoot(page, `${width}-service-screen`, false);
      await page.goto(`${server.baseUrl}/directory/members/${nurseId}`);
      await page.locator('#accepting-title').waitFor();
      await shoot(page, `${width}-member`);
      await page.context().close();
      page = await pageAs(browser, server.baseUrl, DEMO.admin, width);
      await page.goto(`${server.baseUrl}/admin`);
      await page.locator('table').first().waitFor();
      await shoot(page, `${width}-admin`);
      await page.goto(`${server.baseUrl}/directory/members/${nurseId}`);
      await page.locator('#accepting-title').waitFor();
      await shoot(page, `${width}-member-admin`);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
