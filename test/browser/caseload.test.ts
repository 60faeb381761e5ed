/**
 * A case manager's day with their caseload (issue 14): Sophie Martin opens "Ma file active" on a
 * tablet, sees her cap used (40 / 40), opens a person whose pathway is active and suspends it for
 * a hospital stay with its expected end; the panel then shows the suspension and its history.
 * The coordinator's workload board lists each case manager against the cap. axe-core checks each
 * screen. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  DEMO,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
  axeBuilder,
} from './helpers.js';
import type { RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function axe(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await axeBuilder(page)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => `${page.url()} — ${v.id}: ${v.help}`);
}

describe('the caseload', () => {
  test('a case manager opens her caseload, opens a person and suspends the pathway', async () => {
    const context = watchForPageProblems(
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1024, height: 768 } }),
    );
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, DEMO.coordinator);
    await page.getByRole('navigation').getByRole('link', { name: 'Ma file active' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ma file active' }).waitFor();
    assert.match((await page.locator('.cap-line').textContent()) ?? '', /40 \/ 40/);
    const violations = await axe(page);

    // The first person whose pathway is active.
    const row = page.locator('tr', { has: page.locator('.tag-pathway-active') }).first();
    const name = (await row.locator('th a').textContent())?.trim() ?? '';
    await row.locator('th a').click();
    const panel = page.locator('section.pathway-panel');
    await panel.getByText('actif', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Suspendre' }).click();
    await panel.getByLabel(/^Fin prévue/).fill('2027-03-15');
    await panel.getByLabel(/^Motif/).fill('Hospitalisation en soins de suite');
    await panel.getByRole('button', { name: 'Confirmer' }).click();
    await panel.locator('.tag-pathway-suspended').waitFor();
    await panel.getByText('actif → suspendu').waitFor();
    assert.ok(name.length > 0);
    violations.push(...(await axe(page)));

    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Charge des gestionnaires' })
      .click();
    await page.getByRole('heading', { level: 1, name: /Charge des gestionnaires/ }).waitFor();
    await page.getByRole('row', { name: /Sophie Martin/ }).waitFor();
    violations.push(...(await axe(page)));
    assert.deepEqual(violations, []);
    assert.deepEqual(pageProblems, []);
    await context.close();
  });
});
