/**
 * A recurring series' exceptions in the browser (decisions 029 and 040): a GP plans a weekday
 * series at an organisation chosen from the directory, moves Tuesday's occurrence to the
 * afternoon (this occurrence only) — the week then says it was moved, and from when —, cancels
 * Wednesday's with a reason, and sees both in the week; an edit made meanwhile by someone else is said in words (the 409). axe-core checks each
 * screen; screenshots at 768 and 390 px go to /tmp/shots/agenda-series/. Expects `dist/web`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, DEMO, pageProblems, signIn, axeBuilder } from './helpers.js';

const SHOTS = '/tmp/shots/agenda-series';
const suite = browserSuite({ shots: SHOTS });
const { axe } = suite;
const TITLE = 'Soins infirmiers du matin';

/** The week after this one, on screen. */
async function nextWeek(page: Page) {
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  const heading = page.getByRole('heading', { level: 2, name: /^Semaine du/ });
  await page.locator('.agenda-column').first().waitFor();
  const thisWeek = await heading.textContent();
  await page.getByRole('button', { name: /Semaine suivante/ }).click();
  await page
    .getByRole('heading', { level: 2, name: thisWeek ?? '', exact: true })
    .waitFor({ state: 'detached' });
  await page.locator('.agenda-column').first().waitFor();
}

/** The link to the series' occurrence on the nth day (0 = Monday) of the week shown. */
const occurrenceOn = (page: Page, day: number) =>
  page
    .locator('.agenda-column')
    .nth(day)
    .getByRole('link', { name: new RegExp(TITLE) });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('exceptions of a recurring series', () => {
  test('a GP plans a weekday series, moves one occurrence, cancels another, sees both', async () => {
    const page = await suite.freshPage(768);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    await nextWeek(page);

    // the series: every weekday, 09:00–10:00, with himself
    await page.getByRole('button', { name: /^Planifier le lundi/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau rendez-vous' }).waitFor();
    await page.getByLabel('Intitulé (facultatif)').fill(TITLE);
    await page.getByLabel('Répétition').selectOption('weekdays');
    await page.getByLabel('Chercher un professionnel dans l’annuaire (nom)').fill('Lefèvre');
    await page.getByLabel('Chercher un professionnel dans l’annuaire (nom)').press('Enter');
    await page
      .getByRole('checkbox', { name: /Paul Lefèvre/ })
      .first()
      .check();
    await page
      .getByRole('list', { name: 'Participants choisis' })
      .getByText('Paul Lefèvre')
      .waitFor();
    // at an organisation of the directory
    await page.getByLabel('Lieu', { exact: true }).selectOption('organisation');
    const where = page.getByLabel('Chercher la structure dans l’annuaire (nom ou commune)');
    await where.fill('Tilleuls');
    await where.press('Enter');
    await page.getByRole('button', { name: /^Choisir .*Tilleuls/ }).click();
    await page
      .getByRole('list', { name: 'Structure choisie' })
      .getByText(/Tilleuls/)
      .waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'new-series-768');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`« ${TITLE} » est enregistré.`).waitFor();
    for (let day = 0; day < 5; day += 1) await occurrenceOn(page, day).waitFor();

    // Tuesday: this occurrence only, moved to the afternoon
    await occurrenceOn(page, 1).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const series = page.getByRole('region', { name: 'Séance d’une série' });
    await series.getByText('Modifier cette séance et les suivantes').waitFor();
    await page
      .locator('.agenda-facts')
      .getByText(/Dans une structure — .*Tilleuls/)
      .waitFor();
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'occurrence-768');
    await series.getByRole('link', { name: 'Modifier cette séance seulement' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Modifier une séance de la série' })
      .waitFor();
    assert.equal(
      await page.getByRole('radio', { name: 'Cette séance seulement' }).isChecked(),
      true,
    );
    const start = page.getByLabel('Début', { exact: true });
    const end = page.getByLabel('Fin', { exact: true });
    await start.fill((await start.inputValue()).replace('T09:00', 'T14:00'));
    await end.fill((await end.inputValue()).replace('T10:00', 'T15:00'));
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'edit-this-768');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`« ${TITLE} » est enregistré.`).waitFor();
    await page
      .locator('.agenda-column')
      .nth(1)
      .getByRole('link', { name: `14:00–15:00 ${TITLE}` })
      .waitFor();
    // the week says in words that Tuesday's occurrence was moved, and from when
    const tuesday = page.locator('.agenda-column').nth(1).locator('.agenda-entry');
    await tuesday.getByText(/^ · déplacé \(prévu le .* 09:00\)$/).waitFor();
    // the other days keep their morning
    await page
      .locator('.agenda-column')
      .nth(3)
      .getByRole('link', { name: `09:00–10:00 ${TITLE}` })
      .waitFor();
    assert.equal(
      await page
        .locator('.agenda-column')
        .nth(3)
        .getByText(/déplacé/)
        .count(),
      0,
    );

    // Wednesday: cancelled, with a reason; it stays in the week, marked cancelled
    await occurrenceOn(page, 2).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const cancel = page.getByRole('form', { name: 'Annuler cette séance' });
    await cancel.getByLabel('Motif de l’annulation').fill('Patiente hospitalisée ce jour-là');
    await cancel.getByRole('button', { name: 'Annuler cette séance' }).click();
    await page
      .locator('.agenda-facts')
      .getByText(/Patiente hospitalisée ce jour-là/)
      .waitFor();
    await page.getByRole('link', { name: /Retour à l’agenda/ }).click();
    const wednesday = page.locator('.agenda-column').nth(2);
    await wednesday.getByText(/annulé/).waitFor();
    assert.equal(await wednesday.locator('.agenda-cancelled').count(), 1);
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'week-768');

    // the moved occurrence says where it was planned
    await occurrenceOn(page, 1).click();
    await page
      .locator('.agenda-facts')
      .getByText(/séance déplacée \(prévue le/)
      .waitFor();
    await page.setViewportSize({ width: 390, height: 900 });
    assert.deepEqual(await axe(page), []);
    await shoot(page, 'occurrence-390');
    await page.getByRole('link', { name: /Retour à l’agenda/ }).click();
    await page.locator('.agenda-column').first().waitFor();
    await shoot(page, 'week-390');
    await page.context().close();
  });

  test('someone else’s edit meanwhile is said in words, with the way to the current version', async () => {
    const page = await suite.freshPage(390);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    await nextWeek(page);
    await occurrenceOn(page, 3).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('link', { name: 'Modifier cette séance et les suivantes' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Modifier une séance de la série' })
      .waitFor();
    assert.equal(
      await page.getByRole('radio', { name: 'Cette séance et les suivantes' }).isChecked(),
      true,
    );
    // a colleague changes the time of this occurrence before the save
    const id = new URL(page.url()).pathname.split('/')[3] ?? '';
    const status = await page.evaluate(async (appointmentId) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const path = `/api/agenda/appointments/${appointmentId}`;
      const current = (await (await fetch(path)).json()) as { version: number; endsAt: string };
      const later = new Date(new Date(current.endsAt).getTime() + 30 * 60_000).toISOString();
      const answer = await fetch(path, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ version: current.version, endsAt: later }),
      });
      return answer.status;
    }, id);
    assert.equal(status, 200);
    await page.getByLabel('Intitulé (facultatif)').fill(`${TITLE} (nouvelle équipe)`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/diffère de la vôtre sur : l’heure/).waitFor();
    await alert.getByRole('link', { name: 'Voir la version actuelle du rendez-vous' }).waitFor();
    await shoot(page, 'stale-390');
    // the helper waits for an idle network, which the open notification stream of this page
    // (connected since the sign-in) never gives; the screen is still, so check it as it is
    const checked = await axeBuilder(page)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    assert.deepEqual(
      checked.violations.map((v) => `${v.id}: ${v.help}`),
      [],
    );
    await page.context().close();
  });

  test('the pages show no problems', () => {
    assert.deepEqual(pageProblems, []);
  });
});
