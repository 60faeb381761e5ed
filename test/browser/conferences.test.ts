/**
 * A case conference in a real browser (issue 16 point 3, decisions 031 and 039): the demo
 * coordinator opens next week's conference from the agenda, adds two persons with the person
 * picker (keyboard for the first, pointer for the second), records attendance and a decision per
 * person — one as a plan action (goal, what, who, when), one in words — and finds each in the
 * person's plan (the action through its own link, decision 044). axe finds nothing on each screen; screenshots (French, 768 and 390 px) go to
 * /tmp/shots/conf/. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { browserSuite, DEMO, getJson, pageProblems, signIn } from './helpers.js';

const SHOTS = '/tmp/shots/conf';
const suite = browserSuite({ shots: SHOTS });
const { axe } = suite;

/** The seeded conference's day: next week's Friday (src/seed/demo-agenda.seed.ts). */
const conferenceDay = () =>
  DateTime.now().setZone('Europe/Paris').startOf('week').plus({ days: 11 }).toISODate();

/** Opens the seeded conference as its organiser would: agenda → the appointment → its agenda. */
async function openConference(page: Page) {
  await page.goto(`${suite.server.baseUrl}/agenda?date=${conferenceDay() ?? ''}`);
  await page.getByRole('link', { name: /Concertation pluriprofessionnelle/ }).click();
  await page.getByRole('link', { name: 'Ordre du jour et décisions de la concertation' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Concertation pluriprofessionnelle' })
    .waitFor();
  await page.getByRole('heading', { level: 2, name: 'Personnes à discuter' }).waitFor();
}

describe('case conference', () => {
  test('the organiser adds two persons with the picker, records attendance and decisions that land in their plans', async () => {
    const page = await suite.freshPage(768, 1100);
    await signIn(page, suite.server.baseUrl, DEMO.coordinator);
    const persons = await getJson<{
      items: { id: string; firstName: string; lastName: string; relation: string }[];
    }>(page, suite.server.baseUrl, '/api/persons');
    const jeanne = persons.items.find((p) => p.firstName === 'Jeanne' && p.lastName === 'Roux');
    // a second person the coordinator manages, whose name no one else of theirs shares
    const second = persons.items.find(
      (p) =>
        p.relation === 'case_manager' &&
        p !== jeanne &&
        persons.items.filter((o) => o.lastName === p.lastName && o.firstName === p.firstName)
          .length === 1,
    );
    assert.ok(jeanne && second);

    await openConference(page);
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/empty-768.png`, fullPage: true });

    // the keyboard: type, arrow down, Enter; the count found is read out
    const picker = page.getByRole('combobox', { name: 'Ajouter une personne à l’ordre du jour' });
    await picker.fill('roux jea');
    await page.getByText('1 personne trouvée.').waitFor();
    await page.getByRole('option', { name: /ROUX Jeanne/ }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/picker-768.png`, fullPage: true });
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.getByText('Jeanne Roux est ajouté·e à l’ordre du jour.').waitFor();
    await page.getByRole('article', { name: 'Jeanne Roux' }).waitFor();
    assert.equal(await picker.inputValue(), '');

    // the pointer, and a person already listed is offered but cannot be chosen twice
    await picker.fill(`${second.lastName} ${second.firstName}`);
    await page
      .getByRole('option', {
        name: new RegExp(`${second.lastName.toUpperCase()} ${second.firstName}`),
      })
      .first()
      .click();
    const secondName = `${second.firstName} ${second.lastName}`;
    await page.getByRole('article', { name: secondName }).waitFor();
    await picker.fill('roux jea');
    await page.getByRole('option', { name: /ROUX Jeanne — déjà à l’ordre du jour/ }).waitFor();
    await picker.press('Escape');

    // attendance
    const attendance = page.getByRole('combobox', { name: /^Présence de / });
    assert.ok((await attendance.count()) >= 2);
    await attendance.first().selectOption('present');
    await attendance.nth(1).selectOption('excused');
    // the select is disabled while the server answers; enabled again, the choice is saved
    await page
      .locator('.conference-attendance select[disabled]')
      .first()
      .waitFor({ state: 'detached' });
    assert.equal(await attendance.nth(1).inputValue(), 'excused');

    // Jeanne: a decision as a plan action (goal, what, who, when)
    const first = page.getByRole('article', { name: 'Jeanne Roux' });
    await first
      .getByLabel('Décision prise pour Jeanne Roux')
      .fill('Accueil de jour deux après-midi par semaine, à organiser par l’assistante sociale');
    await first.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await first.getByText('Décision enregistrée.').waitFor();
    await first.getByRole('radio', { name: 'Comme action du plan : quoi, qui, quand' }).check();
    await first
      .getByLabel('Objectif du plan')
      .selectOption({ label: 'Un jour de répit par semaine pour l’aidante' });
    await first.getByLabel('Action à mener').fill('Inscrire Mme Roux à l’accueil de jour');
    const who = first.getByLabel('Qui s’en charge');
    const social = await who.locator('option', { hasText: /Droits sociaux/ }).getAttribute('value');
    await who.selectOption(social ?? '');
    assert.equal(await first.getByLabel('À partir du').inputValue(), conferenceDay());
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/decision-action-768.png`, fullPage: true });
    await first.getByRole('button', { name: 'Reporter dans le plan de coordination' }).click();
    await first.getByText(/^Reportée dans le plan de coordination \(version \d+\)\./).waitFor();

    // the second person: a decision in words, into the priorities
    const other = page.getByRole('article', { name: secondName });
    await other
      .getByLabel(`Décision prise pour ${secondName}`)
      .fill('Réévaluer la situation à domicile dans un mois');
    await other.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await other.getByText('Décision enregistrée.').waitFor();
    await other.getByRole('radio', { name: 'En texte, dans les priorités du plan' }).check();
    await other.getByRole('button', { name: 'Reporter dans le plan de coordination' }).click();
    await other.getByText(/^Reportée dans le plan de coordination \(version \d+\)\./).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/decided-768.png`, fullPage: true });

    // the same page at 390 px, after a reload: attendance and decisions kept
    await page.setViewportSize({ width: 390, height: 900 });
    await page.reload();
    await page.getByRole('article', { name: 'Jeanne Roux' }).waitFor();
    assert.equal(
      await page
        .getByRole('combobox', { name: /^Présence de / })
        .nth(1)
        .inputValue(),
      'excused',
    );
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/decided-390.png`, fullPage: true });
    const overflow = await page.evaluate<number>(
      '(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)()',
    );
    assert.ok(overflow <= 0, `the page scrolls sideways by ${String(overflow)} px at 390 px`);

    // each decision is in that person's plan; the one carried as an action links to that action
    // (decision 044), the one in words to the plan
    await page
      .getByRole('article', { name: secondName })
      .getByRole('link', { name: 'Voir le plan' })
      .waitFor();
    await page
      .getByRole('article', { name: 'Jeanne Roux' })
      .getByRole('link', { name: 'Voir l’action dans le plan' })
      .click();
    // The link moves within the app (history.pushState): CSS :target does not follow it, the id does.
    await page.waitForURL(/#action-/);
    const opened = page.locator(`li[id="${new URL(page.url()).hash.slice(1)}"]`);
    await opened.getByRole('group', { name: /Inscrire Mme Roux à l’accueil de jour/ }).waitFor();
    assert.equal(
      await page.evaluate<string>('document.activeElement?.id ?? ""'),
      new URL(page.url()).hash.slice(1),
      'the focus is on the action opened',
    );
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/plan-action-390.png`, fullPage: true });
    await page.goto(`${suite.server.baseUrl}/persons/${second.id}/plan`);
    await page
      .getByText(/Concertation du \d\d\/\d\d\/\d{4} : Réévaluer la situation/)
      .first()
      .waitFor();
    assert.deepEqual(pageProblems, []);
    await page.context().close();
  });

  test('the picker at 390 px: persons outside the organiser’s teams are not offered', async () => {
    const page = await suite.freshPage(390, 900);
    await signIn(page, suite.server.baseUrl, DEMO.coordinator);
    await openConference(page);
    const picker = page.getByRole('combobox', { name: 'Ajouter une personne à l’ordre du jour' });
    await picker.fill('zzzz');
    await page
      .getByText(
        'Personne ne correspond à « zzzz » parmi les personnes suivies par l’organisateur·rice.',
      )
      .waitFor();
    await picker.fill('roux');
    await page.getByRole('option', { name: /ROUX Jeanne/ }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/picker-390.png`, fullPage: true });
    assert.deepEqual(pageProblems, []);
    await page.context().close();
  });
});
