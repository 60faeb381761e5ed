/**
 * The person page's team journeys (issue 14's acceptance, decision 018): a case manager adds a
 * professional to a person's care team; the person, signed in with her own account, records an
 * objection and reads who accessed her record; a GP opens break-the-glass on someone outside his
 * teams. axe-core checks each new screen. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, DEMO, getJson, pageProblems, signIn } from './helpers.js';

const suite = browserSuite();
const freshPage = (width = 800) => suite.freshPage(width);
const { axe } = suite;

type TListed = { id: string; firstName: string; lastName: string; birthDate: string | null };

describe('the care team, objections, access log and break-the-glass on the person page', () => {
  test('a case manager opens a person from the home list and adds a professional to the team', async () => {
    const page = await freshPage();
    await signIn(page, suite.server.baseUrl, DEMO.coordinator);
    await page.getByRole('link', { name: /Roux/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Roux/ }).waitFor();
    await page.getByLabel('Nom du professionnel dans l’annuaire').fill('Girard');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: /^Choisir .*Girard/ }).click();
    await page.getByLabel('Rôle auprès de la personne').selectOption('physiotherapist');
    await page.getByRole('button', { name: 'Ajouter au cercle de soins' }).click();
    await page.getByText(/fait désormais partie du cercle de soins/).waitFor();
    const current = page.getByRole('list', { name: 'Membres actuels du cercle de soins' });
    await current.getByText(/Masseur-kinésithérapeute/).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.context().close();
  });

  test('a newer search in the team picker is never replaced by an older, slower answer', async () => {
    const page = await freshPage();
    await signIn(page, suite.server.baseUrl, DEMO.coordinator);
    await page.getByRole('link', { name: /Roux/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Roux/ }).waitFor();
    // The first search ("Girard") answers late; the second ("pharmacien") at once.
    let first = true;
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    await page.route('**/api/directory/search?*', async (route) => {
      if (!first) return route.continue();
      first = false;
      await firstHeld;
      await route.continue().catch(() => {}); // aborted by the newer search: nothing to send
    });
    const field = page.getByLabel('Nom du professionnel dans l’annuaire');
    await field.fill('Girard');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await field.fill('pharmacien');
    await field.press('Enter');
    const results = page.getByRole('list', { name: 'Résultats de la recherche' });
    await results
      .getByText(/Pharmacien/)
      .first()
      .waitFor();
    releaseFirst();
    // Had the older answer been kept, Girard (a physiotherapist) would now replace the pharmacists.
    await page.waitForTimeout(500);
    assert.equal(await results.getByText(/Girard/).count(), 0);
    assert.ok((await results.getByText(/Pharmacien/).count()) > 0);
    await page.context().close();
  });

  test('the person records an objection and reads who accessed her record', async () => {
    const page = await freshPage(390);
    await signIn(page, suite.server.baseUrl, DEMO.patient);
    const { items } = await getJson<{ items: TListed[] }>(
      page,
      suite.server.baseUrl,
      '/api/persons',
    );
    await page.goto(`${suite.server.baseUrl}/persons/${items[0]!.id}`);
    await page.getByRole('heading', { level: 1, name: /Roux/ }).waitFor();
    const member = page.getByLabel('Professionnel concerné');
    const options = await member.locator('option').allTextContents();
    const pharmacist = options.find((text) => /Pharmacien/.test(text));
    assert.ok(pharmacist, `a pharmacist in the team: ${options.join(', ')}`);
    await member.selectOption({ label: pharmacist });
    await page.getByLabel('Motif (facultatif)').fill('Je préfère une autre pharmacie');
    await page.getByRole('button', { name: 'Enregistrer l’opposition' }).click();
    await page.getByText('Opposition enregistrée', { exact: false }).first().waitFor();
    await page.reload();
    const log = page.getByRole('region', { name: 'Qui a consulté le dossier' });
    await log.getByText('Opposition enregistrée').first().waitFor();
    await log.getByText('Consultation de la fiche').first().waitFor();
    assert.deepEqual(await axe(page), []);
    await page.context().close();
  });

  test('a GP finds someone outside his teams and opens break-the-glass with a reason', async () => {
    const manager = await freshPage();
    await signIn(manager, suite.server.baseUrl, DEMO.coordinator);
    const caseload = (
      await getJson<{ items: TListed[] }>(manager, suite.server.baseUrl, '/api/persons')
    ).items;
    await manager.context().close();

    const page = await freshPage(390);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    const mine = new Set(
      (await getJson<{ items: TListed[] }>(page, suite.server.baseUrl, '/api/persons')).items.map(
        (p) => p.id,
      ),
    );
    const stranger = caseload.find((p) => !mine.has(p.id) && p.birthDate)!;
    assert.ok(stranger, 'someone the GP does not follow');
    await page.getByRole('link', { name: 'Accès d’urgence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accès d’urgence à un dossier' }).waitFor();
    await page.getByLabel('Nom de famille (de naissance ou d’usage)').fill(stranger.lastName);
    await page.getByLabel('Date de naissance').fill(stranger.birthDate!);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page
      .getByRole('button', {
        name: new RegExp(`Ouvrir un accès d’urgence au dossier de ${stranger.firstName}`),
      })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/sont enregistrés dans le journal du dossier/).waitFor();
    await dialog.getByText(/le voient sur son parcours/).waitFor();
    assert.deepEqual(await axe(page), []);
    await dialog.getByLabel('Motif de l’urgence').fill('Appel des pompiers, chute à domicile');
    await dialog.getByRole('button', { name: 'Ouvrir l’accès d’urgence' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(stranger.lastName) }).waitFor();
    await page
      .getByRole('region', { name: 'Chronologie' })
      .getByText('Accès d’urgence ouvert')
      .first()
      .waitFor();
    await page.context().close();
    assert.deepEqual(pageProblems, []);
  });
});
