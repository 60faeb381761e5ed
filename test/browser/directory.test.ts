/**
 * The directory in a real browser, on the seeded demo network: tolerant search with reasons,
 * filters, editing rights, and the import wizard's rejection report and all-or-nothing commit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, launchBrowser, signIn, startServer } from './helpers.js';
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

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 768, height: 1024 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, server.baseUrl, email);
  return { context, page };
}

async function search(page: Page, words: string) {
  await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
  await page.getByLabel('Qui cherchez-vous ?').fill(words);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await resultsFor(page, words ? new URLSearchParams({ q: words }).toString() : '');
}

/** Waits until the results shown are those of this query string. */
async function resultsFor(page: Page, query: string) {
  await page.locator(`section[data-loaded="${query}"]`).waitFor();
}

describe('directory', () => {
  test('finds people from a partial word, a typo or a name without accents, and says why', async () => {
    const { context, page } = await signedIn(DEMO.professional);
    await search(page, 'kine');
    const first = page.locator('.result').first();
    await first.waitFor();
    assert.match(
      await first.locator('.matched').innerText(),
      /Masseur-kinésithérapeute|Kinésithérapie/,
    );
    await search(page, 'kinesiterapeute');
    assert.ok((await page.locator('.result').count()) > 0, 'a typo still finds physiotherapists');
    assert.match(
      await page.locator('.result .matched').first().innerText(),
      /approchante|kinésithérapeute/i,
    );
    await search(page, 'Saint-Etienne');
    assert.match(
      await page.locator('.result .matched').first().innerText(),
      /Saint-Étienne-de-Valoux/,
    );
    await context.close();
  });

  test('a filter narrows the results and stays in the address', async () => {
    const { context, page } = await signedIn(DEMO.coordinator);
    await search(page, '');
    const everything = await page.locator('#directory-results-title').innerText();
    await page.getByLabel('Type de fiche').selectOption('service');
    await page.getByLabel('Nouveaux patients').selectOption('no');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await resultsFor(page, 'type=service&accepting=no');
    const filtered = await page.locator('#directory-results-title').innerText();
    assert.ok(
      Number.parseInt(filtered, 10) < Number.parseInt(everything, 10),
      `${filtered} < ${everything}`,
    );
    const badges = await page.locator('.result .badge.accepting-no').count();
    assert.equal(badges, await page.locator('.result').count());
    await context.close();
  });

  test("a professional cannot edit someone else's entry; network staff edit and the history shows it", async () => {
    const pro = await signedIn(DEMO.professional);
    await search(pro.page, 'kine');
    await pro.page.locator('.result h3 a').first().click();
    await pro.page.locator('#contact-title').waitFor();
    assert.equal(await pro.page.getByRole('button', { name: 'Modifier' }).count(), 0);
    await pro.page
      .getByText('Seuls l’équipe du réseau', { exact: false })
      .or(pro.page.getByText("Seuls l'équipe du réseau", { exact: false }))
      .waitFor();
    await pro.context.close();

    const admin = await signedIn(DEMO.admin);
    await search(admin.page, 'Maison de santé pluriprofessionnelle des Tilleuls');
    await admin.page.locator('.result h3 a').first().click();
    await admin.page.getByRole('button', { name: 'Modifier' }).click();
    await admin.page
      .getByLabel('Horaires d’ouverture')
      .or(admin.page.getByLabel("Horaires d'ouverture"))
      .fill('Lundi–samedi 8 h – 20 h');
    await admin.page.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.page.getByText("C'est enregistré.").waitFor();
    await admin.page.getByText('Lundi–samedi 8 h – 20 h').first().waitFor();
    await admin.page.getByRole('button', { name: "Voir l'historique" }).click();
    await admin.page.locator('.history li', { hasText: 'modification' }).first().waitFor();
    await admin.context.close();
  });

  test('the import lists each rejected row and refuses to import until the file is clean', async () => {
    const { context, page } = await signedIn(DEMO.admin);
    await page.goto(`${server.baseUrl}/directory/import`);
    await page.getByLabel('Que contient le fichier ?').selectOption('organisations');
    await page
      .getByLabel('…ou collez son contenu')
      .fill('name,type,commune\nCentre Alpha,msp,Lavergne\nCentre Bêta,fusée,Lavergne\n');
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const report = page.locator('#report-title');
    await report.waitFor();
    assert.match(await report.innerText(), /2 lignes : 1 acceptées, 1 à corriger/);
    assert.match(await page.locator('table tbody tr').first().innerText(), /3\s+type/);
    assert.ok(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled());
    await page
      .getByLabel('…ou collez son contenu')
      .fill('name,type,commune\nCentre Alpha,msp,Lavergne\nCentre Gamma,pharmacy,Lavergne\n');
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByText('Tout est correct').waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('2 fiches importées.').waitFor();
    await search(page, 'Centre Gamma');
    assert.equal(await page.locator('.result h3').first().innerText(), 'Centre Gamma');
    await context.close();
  });
});
