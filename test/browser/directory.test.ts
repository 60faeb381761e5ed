/**
 * The directory "Qui fait quoi" in a real browser: tolerant search with the reason of each match,
 * filters kept in the address, editing rights, editing with history, and the import wizard. The
 * entries used are created here through the API (test/browser/directory-fixtures.ts), so the
 * tests do not depend on the demo directory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FIXTURE, idOf, seedDirectory } from './directory-fixtures.js';
import type { AdminApi } from './directory-fixtures.js';
import { DEMO, launchBrowser, signIn, startServer } from './helpers.js';
import type { RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;
let admin: AdminApi;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await seedDirectory(server.baseUrl);
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

/** Waits until the results shown are those of this address query string. */
async function resultsFor(page: Page, query: string) {
  await page.locator(`section[data-results-for="${query}"]`).waitFor();
}

/** Types words in the search box and submits, from wherever the page is in the directory. */
async function search(page: Page, words: string) {
  await page.getByLabel('Qui cherchez-vous ?').fill(words);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await resultsFor(page, new URLSearchParams({ q: words }).toString());
}

function card(page: Page, title: string) {
  return page
    .locator('.result-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

async function resultCount(page: Page): Promise<number> {
  // Wait for a finished count: while a search runs the line may be empty.
  const text = await page
    .locator('.results .count', { hasText: /^(\d|Aucun|Plus de)/ })
    .innerText();
  return text.startsWith('Aucun') ? 0 : Number.parseInt(text, 10);
}

describe('directory screens', () => {
  test('a partial word, a typo and a missing accent still find the entry, and the card says why', async () => {
    const { context, page } = await signedIn(DEMO.professional);
    try {
      await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Annuaire' }).waitFor();

      await search(page, 'kine girardin');
      const physio = card(page, FIXTURE.physio);
      await physio.waitFor();
      assert.match(
        await physio.locator('.match').innerText(),
        /Trouvé dans : .*profession « Masseur-kinésithérapeute »/,
      );
      assert.match(await page.locator('.results .count').innerText(), /^\d+ résultats?$/);

      await search(page, 'kinesiterapeute girardin');
      const corrected = card(page, FIXTURE.physio).locator('.match');
      await corrected.waitFor();
      assert.match(await corrected.innerText(), /« Masseur-kinésithérapeute » \(approchant\)/);

      await search(page, 'Saint-Etienne Val Fleuri');
      const msp = card(page, FIXTURE.msp);
      await msp.waitFor();
      assert.match(await msp.locator('.match').innerText(), /commune « Saint-Étienne-de-Valoux »/);

      // The search lives in the address: a reload shows the same results.
      await page.reload();
      await resultsFor(page, new URLSearchParams({ q: 'Saint-Etienne Val Fleuri' }).toString());
      await card(page, FIXTURE.msp).waitFor();
      assert.equal(
        await page.getByLabel('Qui cherchez-vous ?').inputValue(),
        'Saint-Etienne Val Fleuri',
      );

      await search(page, 'zzqxwv');
      await page.getByText('Aucune fiche ne correspond à « zzqxwv ».').waitFor();
      assert.equal(await page.locator('.results .count').innerText(), 'Aucun résultat');
    } finally {
      await context.close();
    }
  });

  test('filters narrow the results and stay in the address', async () => {
    const { context, page } = await signedIn(DEMO.coordinator);
    try {
      await page.goto(`${server.baseUrl}/directory`);
      await search(page, 'domicile');
      const everything = await resultCount(page);
      await card(page, FIXTURE.meals).waitFor();

      await page.getByText('Affiner la recherche').click();
      await page.getByLabel('Type de fiche').selectOption('service');
      await page.getByLabel('Nouveaux patients').selectOption('no');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await resultsFor(page, 'q=domicile&type=service&accepting=no');
      const narrowed = await resultCount(page);
      assert.ok(narrowed > 0 && narrowed < everything, `${narrowed} < ${everything}`);
      await card(page, FIXTURE.rehab).waitFor();
      assert.equal(
        await card(page, FIXTURE.meals).count(),
        0,
        'a service accepting people is gone',
      );
      assert.equal(
        await page.locator('.result-card .tag-accepting-no').count(),
        await page.locator('.result-card').count(),
        'every result says it accepts nobody new',
      );

      await page.getByLabel('Filière').selectOption({ label: 'Handicap' });
      await page.getByLabel('Nouveaux patients').selectOption('conditions');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await resultsFor(page, 'q=domicile&type=service&careStream=disability&accepting=conditions');
      await card(page, FIXTURE.nursing).waitFor();

      await page.goBack();
      await resultsFor(page, 'q=domicile&type=service&accepting=no');
      assert.equal(await page.getByLabel('Nouveaux patients').inputValue(), 'no');
    } finally {
      await context.close();
    }
  });

  test("a professional sees no edit button on someone else's entry and the edit address refuses", async () => {
    const memberId = await idOf(admin, FIXTURE.physio);
    const { context, page } = await signedIn(DEMO.professional);
    try {
      await page.goto(`${server.baseUrl}/directory/members/${memberId}`);
      await page.getByRole('heading', { level: 1, name: FIXTURE.physio }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Comment joindre' }).waitFor();
      const call = page.getByRole('link', { name: 'Appeler le 06 12 34 56 78' });
      assert.equal(await call.getAttribute('href'), 'tel:0612345678');
      await page.getByText('Meilleur moment : entre 12 h et 14 h').waitFor();
      assert.match(
        await page.locator('.freshness-line').innerText(),
        /^Fiche vérifiée le .+ par .+\.$/,
      );
      await page.getByRole('link', { name: 'Historique' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Modifier' }).count(), 0);
      assert.equal(
        await page.getByRole('button', { name: "Confirmer que c'est à jour" }).count(),
        0,
      );

      await page.goto(`${server.baseUrl}/directory/members/${memberId}/edit`);
      await page.getByText('Vous ne pouvez pas modifier cette fiche').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Enregistrer' }).count(), 0);

      await page.goto(`${server.baseUrl}/directory/import`);
      await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('network staff edit an organisation, see the change, and find it in the history', async () => {
    const pharmacyId = await idOf(admin, FIXTURE.pharmacy);
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.goto(`${server.baseUrl}/directory/organisations/${pharmacyId}`);
      await page.getByRole('heading', { level: 1, name: FIXTURE.pharmacy }).waitFor();
      await page.getByRole('link', { name: 'Modifier' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modifier la structure' }).waitFor();

      // Inline checks before anything is sent.
      await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Saisissez une adresse e-mail complète').waitFor();
      await page.getByLabel('Adresse e-mail').fill('');

      await page.getByLabel("Horaires d'ouverture").fill('Lundi-samedi 8 h-20 h');
      await page.getByRole('button', { name: 'Ajouter un moyen de contact' }).click();
      await page.getByLabel('Type').last().selectOption('sms');
      await page.getByLabel('Numéro, adresse ou lieu').last().fill('06 11 22 33 44');
      const saved = page.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/directory/organisations/${pharmacyId}`) &&
          response.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const body = (await saved).request().postDataJSON() as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['channels', 'openingHours', 'version']);

      await page.getByText('Vos modifications sont enregistrées.').waitFor();
      await page.getByText('Lundi-samedi 8 h-20 h').waitFor();
      assert.equal(
        await page.getByRole('link', { name: 'SMS au 06 11 22 33 44' }).getAttribute('href'),
        'sms:0611223344',
      );

      await page.getByRole('link', { name: 'Historique' }).click();
      const latest = page.locator('.history-item').first();
      await latest.getByText('Modification').waitFor();
      await latest.getByText('par Claire Fontaine', { exact: false }).waitFor();
      const hours = latest.getByRole('row', { name: /Horaires d'ouverture/ });
      assert.match(await hours.innerText(), /Lundi-samedi 8 h 30-19 h 30\s+Lundi-samedi 8 h-20 h/);
      await latest.getByText('SMS : 06 11 22 33 44').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the import lists each rejected row and why, and imports only a clean file', async () => {
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
      await page.getByRole('link', { name: 'Importer / exporter' }).click();
      await page
        .getByRole('heading', { level: 1, name: "Importer et exporter l'annuaire" })
        .waitFor();
      await page.getByLabel('structures').check();
      const content = page.getByLabel('Contenu du fichier');
      const commit = page.getByRole('button', { name: 'Importer', exact: true });

      await content.fill(
        'name,type,commune\nCentre Alpha des Essais,msp,Lavergne\nCentre Bêta des Essais,fusée,Lavergne\n',
      );
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByRole('heading', { level: 2, name: 'Résultat de la vérification' }).waitFor();
      await page.getByText('1 ligne refusée').waitFor();
      const rejected = page.getByRole('table', { name: 'Lignes refusées et raisons' });
      const row = rejected.locator('tbody tr').first();
      assert.match(await row.innerText(), /^3\s+type\s+\S+/);
      assert.ok(await commit.isDisabled(), 'nothing can be imported while a row is rejected');

      await content.fill(
        'name,type,commune\nCentre Alpha des Essais,msp,Lavergne\nCentre Gamma des Essais,pharmacy,Lavergne\n',
      );
      assert.ok(await commit.isDisabled(), 'a changed file must be checked again');
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByText('Prêt : 2 fiches seront créées.').waitFor();
      await commit.click();
      await page.getByText('2 fiches créées (structures).').waitFor();

      await page.getByRole('link', { name: "Les retrouver dans l'annuaire" }).click();
      await search(page, 'centre gamma essais');
      await card(page, 'Centre Gamma des Essais').waitFor();
    } finally {
      await context.close();
    }
  });
});
