/**
 * Takes a PNG of each directory screen, in French, at tablet size (768×1024), into /tmp/shots/.
 * Needs a running server with the demo logins; adds the small test directory once:
 *
 *   BASE_URL=http://localhost:3000 node --import tsx test/browser/screenshot-directory.ts
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { adminApi, FIXTURE, idOf, seedDirectory } from './directory-fixtures.js';
import { DEMO, launchBrowser, signIn } from './helpers.js';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const OUT_DIR = process.env.SHOTS_DIR ?? '/tmp/shots';

async function newPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 768, height: 1024 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, BASE_URL, email);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`${path}\n`);
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  let admin = await adminApi(BASE_URL);
  const present = await admin.call(
    'GET',
    `/api/directory/search?q=${encodeURIComponent(FIXTURE.pharmacy)}`,
  );
  if (((await present.json()) as { total: number }).total === 0) {
    admin = await seedDirectory(BASE_URL);
  }
  const memberId = await idOf(admin, FIXTURE.physio);
  const organisationId = await idOf(admin, FIXTURE.msp);
  const serviceId = await idOf(admin, FIXTURE.nursing);
  const pharmacyId = await idOf(admin, FIXTURE.pharmacy);

  const browser = await launchBrowser();
  try {
    let page = await newPage(browser, DEMO.admin);
    await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
    await page.getByLabel('Qui cherchez-vous ?').waitFor();
    await shoot(page, 'dir-01-search-start');

    await page.getByLabel('Qui cherchez-vous ?').fill('kine girardin');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('.result-card').first().waitFor();
    await shoot(page, 'dir-02-search-results');

    await page.goto(`${BASE_URL}/directory?q=kinesiterapeute&type=member`);
    await page.locator('.result-card').first().waitFor();
    await shoot(page, 'dir-03-search-typo-filter');

    await page.goto(`${BASE_URL}/directory?q=plombier&careStream=oncology`);
    await page.locator('.empty-state').waitFor();
    await shoot(page, 'dir-04-search-empty');

    await page.goto(`${BASE_URL}/directory/members/${memberId}`);
    await page.locator('#contact-title').waitFor();
    await shoot(page, 'dir-05-member');
    await page.goto(`${BASE_URL}/directory/organisations/${organisationId}`);
    await page.locator('#contact-title').waitFor();
    await shoot(page, 'dir-06-organisation');
    await page.goto(`${BASE_URL}/directory/services/${serviceId}`);
    await page.locator('#limits-title').waitFor();
    await shoot(page, 'dir-07-service');

    await page.goto(`${BASE_URL}/directory/organisations/${pharmacyId}/edit`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    await shoot(page, 'dir-08-edit-organisation');
    await page.getByLabel('Nom (obligatoire)').fill('');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.locator('.field-error').first().waitFor();
    await shoot(page, 'dir-09-edit-errors');

    await page.goto(`${BASE_URL}/directory/members/${memberId}/edit`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    await shoot(page, 'dir-10-edit-member');

    await page.goto(`${BASE_URL}/directory/services/new?organisationId=${organisationId}`);
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    await shoot(page, 'dir-11-new-service');

    await page.goto(`${BASE_URL}/directory/organisations/${pharmacyId}/history`);
    await page.locator('.history-item').first().waitFor();
    await shoot(page, 'dir-12-history');

    await page.goto(`${BASE_URL}/directory/import`);
    await page.getByLabel('personnes').check();
    await page
      .getByLabel('Contenu du fichier')
      .fill(
        'first_name,last_name,profession,rpps,organisation\nJeanne,Morel,IDE,10000000199,Maison de santé du Val Fleuri\nPaul,Petit,astronaute,123,Structure Inconnue\n',
      );
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.locator('#report-title').waitFor();
    await shoot(page, 'dir-13-import-report');
    await page.context().close();

    page = await newPage(browser, DEMO.professional);
    await page.goto(`${BASE_URL}/directory/members/${memberId}`);
    await page.locator('#contact-title').waitFor();
    await shoot(page, 'dir-14-member-as-professional');
    await page.goto(`${BASE_URL}/directory/members/${memberId}/edit`);
    await page.getByText('Vous ne pouvez pas modifier cette fiche').waitFor();
    await shoot(page, 'dir-15-edit-refused');
    await page.context().close();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
