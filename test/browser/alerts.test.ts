/**
 * Hospital stays and alerts (decision 024): Sophie Martin, case manager, opens "Ma file active"
 * on a tablet, sees her open alerts, resolves the discharge follow-up with a note; then opens the
 * person in hospital from the alerts list and records her discharge, which opens a new follow-up
 * on the person's page. axe-core checks each screen. Expects `dist/web` (npm run build:web).
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
  server = await startServer(150_000);
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

describe('alerts and hospital stays', () => {
  test('a case manager resolves an alert from her home, then records a discharge', async () => {
    const context = watchForPageProblems(
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1024 } }),
    );
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, DEMO.coordinator);
    await page.goto(`${server.baseUrl}/file-active`);
    const card = page.locator('section.my-alerts');
    await card.getByRole('heading', { name: /Mes alertes/ }).waitFor();
    const before = Number(await card.locator('.count-badge').textContent());
    assert.ok(before >= 2, `open alerts on the home: ${String(before)}`);
    const violations = await axe(page);

    // The follow-up of yesterday's discharge is due first.
    const followUp = card.locator('li.alert-item', { hasText: 'Suivi de sortie d’hôpital' });
    await followUp.getByRole('button', { name: 'Clore' }).click();
    await followUp
      .getByLabel(/^Ce qui a été fait/)
      .fill('Appel à sa fille : retour bien passé, infirmière passée ce matin.');
    await followUp.getByRole('button', { name: 'Clore l’alerte' }).click();
    await card.locator('.count-badge', { hasText: String(before - 1) }).waitFor();
    assert.equal(
      await card.locator('li.alert-item', { hasText: 'Suivi de sortie d’hôpital' }).count(),
      0,
    );

    // The person in hospital, from the alerts list.
    await page.getByRole('navigation').getByRole('link', { name: 'Alertes' }).click();
    await page.getByRole('heading', { level: 1, name: /Alertes de rupture/ }).waitFor();
    await page.getByLabel('Type d’alerte').selectOption('unplanned_stay');
    const stayAlert = page.locator('li.alert-item', { hasText: 'Hospitalisation non programmée' });
    violations.push(...(await axe(page)));
    await stayAlert.getByRole('link').first().click();
    const section = page.locator('section.stays-section');
    await section.getByText('CHU de Saint-Étienne, hôpital Nord').waitFor();
    await section.getByText(/pensez à suspendre le parcours/).waitFor();
    violations.push(...(await axe(page)));
    await section.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await section.getByLabel('Destination').selectOption('rehabilitation');
    await section.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await section.getByText('La personne n’est pas hospitalisée actuellement.').waitFor();
    await section.locator('li.alert-item', { hasText: 'Suivi de sortie d’hôpital' }).waitFor();
    await section
      .getByText(/soins de suite et réadaptation/)
      .first()
      .waitFor({ state: 'attached' });
    violations.push(...(await axe(page)));
    assert.deepEqual(violations, []);
    assert.deepEqual(pageProblems, []);
    await context.close();
  });
});
