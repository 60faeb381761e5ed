/**
 * The logbook (decision 021) in a real browser: a care-team member writes an urgent entry on a
 * person's page with the keyboard and sees it first, marked urgent; a home-care (social) member of
 * the same team does not see the medical entry. Screenshots at 768 px and 390 px go to
 * /tmp/shots/logbook/. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  DEMO,
  getJson,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
} from './helpers.js';
import type { RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;
const SHOTS = '/tmp/shots/logbook';

before(async () => {
  server = await startServer(180_000);
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('logbook', () => {
  for (const width of [768, 390]) {
    test(`a team member posts an urgent entry and sees it first (${String(width)} px)`, async () => {
      const context = watchForPageProblems(
        await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } }),
      );
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await signIn(page, server.baseUrl, DEMO.professional);
        const persons = await getJson<{
          items: { id: string; firstName: string; lastName: string }[];
        }>(page, server.baseUrl, '/api/persons?limit=100');
        const jeanne = persons.items.find((p) => p.firstName === 'Jeanne' && p.lastName === 'Roux');
        assert.ok(jeanne, 'the GP follows Jeanne Roux');
        await page.goto(`${server.baseUrl}/persons/${jeanne.id}`);
        const section = page.locator('#logbook');
        await section.getByRole('heading', { name: 'Cahier de liaison' }).waitFor();

        const text = `Saturation à 91 % ce soir (${String(width)} px), oxygène à prévoir : rappeler le cabinet.`;
        await section.getByLabel('Nouvelle transmission').fill(text);
        await section.getByLabel('Catégorie', { exact: true }).selectOption('medical');
        await section.getByLabel('Urgent (prévient l’équipe)').check();
        await section.getByLabel('Nouvelle transmission').press('Control+Enter');

        const first = section.locator('li.logbook-entry').first();
        await first.getByText(text).waitFor();
        assert.equal(await first.locator('.tag-urgent').innerText(), 'Urgent');
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: `${SHOTS}/logbook-${String(width)}.png` });

        // The home-care side of the same team: no medical entry, the filter offers no "Médical".
        await context.clearCookies();
        await signIn(page, server.baseUrl, DEMO.social);
        await page.goto(`${server.baseUrl}/persons/${jeanne.id}`);
        await section.getByRole('heading', { name: 'Cahier de liaison' }).waitFor();
        await section.locator('li.logbook-entry').first().waitFor();
        assert.equal(await section.getByText(text).count(), 0);
        assert.equal(await section.locator('.tag-category-medical').count(), 0);
        if (width === 390) {
          await section.screenshot({ path: `${SHOTS}/logbook-social-${String(width)}.png` });
        }
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    });
  }
});
