/**
 * The shared agenda in the browser (issue 16's acceptance, decision 029): a GP plans a home
 * visit with two participants of two organisations from the week view (himself, of the MSP,
 * and the SSIAD's nurse), sees it in the week and opens it; the week is a list at 390 px and
 * the arrows change the week. axe-core checks each screen. Expects `dist/web` (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, DEMO, pageProblems, signIn } from './helpers.js';

const suite = browserSuite();
const { axe } = suite;

describe('the shared agenda', () => {
  test('plan a home visit with two participants of two organisations from the week view', async () => {
    const page = await suite.freshPage(1024);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Semaine du/ }).waitFor();
    assert.deepEqual(await axe(page), []);
    const thisWeek = await page
      .getByRole('heading', { level: 2, name: /^Semaine du/ })
      .textContent();
    await page.getByRole('button', { name: /Semaine suivante/ }).click();
    await page
      .getByRole('heading', { level: 2, name: thisWeek ?? '', exact: true })
      .waitFor({ state: 'detached' });
    const week = await page.getByRole('heading', { level: 2, name: /^Semaine du/ }).textContent();
    await page.getByRole('button', { name: /^Planifier le lundi/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau rendez-vous' }).waitFor();
    await page.getByLabel('Intitulé (facultatif)').fill('Bilan de chute à domicile');
    for (const name of ['Lefèvre', 'Haddad']) {
      await page.getByLabel('Chercher un professionnel dans l’annuaire (nom)').fill(name);
      await page.getByRole('button', { name: 'Chercher', exact: true }).click();
      await page
        .getByRole('checkbox', { name: new RegExp(name) })
        .first()
        .check();
    }
    const chosen = page.getByRole('list', { name: 'Participants choisis' });
    await chosen.getByText(/Lefèvre/).waitFor();
    await chosen.getByText(/Haddad/).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('« Bilan de chute à domicile » est enregistré.').waitFor();
    assert.equal(
      await page.getByRole('heading', { level: 2, name: /^Semaine du/ }).textContent(),
      week,
    );
    await page.getByRole('link', { name: /09:00–10:00 Bilan de chute à domicile/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Bilan de chute à domicile' }).waitFor();
    const facts = page.locator('.agenda-facts');
    await facts.getByText(/Karim Haddad/).waitFor();
    await facts.getByText(/Paul Lefèvre/).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText('confirmé', { exact: true }).waitFor();
    await page.context().close();
  });

  test('the week is one list at 390 px; the arrows and T move through the weeks', async () => {
    const page = await suite.freshPage(390);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    await page.goto(`${suite.server.baseUrl}/agenda`);
    const heading = page.getByRole('heading', { level: 2, name: /^Semaine du/ });
    // the keys work once the week is on screen, as a person presses them after seeing it
    await page.locator('.agenda-column').first().waitFor();
    const first = await heading.textContent();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 2, name: first ?? '' }).waitFor({ state: 'detached' });
    await page.keyboard.press('t');
    await page.getByRole('heading', { level: 2, name: first ?? '', exact: true }).waitFor();
    await page.locator('.agenda-column').first().waitFor();
    const widths: number[] = [];
    for (const column of await page.locator('.agenda-column').all()) {
      widths.push((await column.boundingBox())?.width ?? 0);
    }
    assert.equal(widths.length, 7);
    assert.ok(
      widths.every((width) => width > 300),
      widths.join(),
    );
    assert.deepEqual(await axe(page), []);
    await page.context().close();
  });

  test('the page shows no problems', () => {
    assert.deepEqual(pageProblems, []);
  });
});
