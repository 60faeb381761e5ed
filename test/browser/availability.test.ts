/**
 * Availability (decision 030): a doctor records his usual week on "Mes disponibilités", then finds
 * a slot with a nurse of another organisation on "Trouver un créneau"; the proposed slot opens the
 * agenda form prefilled. axe-core checks each screen at 390 px and 768 px. Expects `dist/web`
 * (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, DEMO, pageProblems, signIn } from './helpers.js';

const suite = browserSuite();

describe('working hours and the free-slot search', () => {
  test('a doctor records his week, then finds a slot with a colleague of another organisation', async () => {
    const page = await suite.freshPage(390);
    await signIn(page, suite.server.baseUrl, DEMO.professional);
    await page.goto(`${suite.server.baseUrl}/account`);
    await page.getByRole('link', { name: 'Mes horaires de travail et mes absences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes disponibilités' }).waitFor();
    await page.getByText(/Rien n’est renseigné/).waitFor();
    await page.getByRole('button', { name: 'Ajouter une plage le lundi' }).click();
    await page.getByRole('button', { name: 'Ajouter une plage le mardi' }).click();
    await page.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await page.getByText('Semaine enregistrée.').waitFor();
    const violations = await suite.axe(page);

    await page.getByRole('link', { name: /Trouver un créneau/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Trouver un créneau' }).waitFor();
    await page.getByLabel('Chercher un professionnel dans l’annuaire').fill('Girard');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page
      .getByRole('button', { name: /^Ajouter .*Girard/ })
      .first()
      .click();
    const chosen = page.getByRole('list', { name: 'Participants choisis' });
    await chosen.getByText(/Girard/).waitFor();
    await page.getByRole('button', { name: 'Chercher les créneaux communs' }).click();
    await page.getByRole('heading', { name: 'Créneaux où tous sont libres' }).waitFor();
    violations.push(...(await suite.axe(page)));
    const slot = page.locator('a[href^="/agenda/nouveau?"]').first();
    const href = (await slot.getAttribute('href')) ?? '';
    const params = new URL(href, suite.server.baseUrl).searchParams;
    assert.equal(params.get('participants')?.split(',').length, 2);
    const start = new Date(params.get('start') ?? '');
    const end = new Date(params.get('end') ?? '');
    assert.equal(end.getTime() - start.getTime(), 3_600_000);
    // The doctor works Monday and Tuesday 08:00–12:00 (Paris): every slot falls there.
    const local = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      hour: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(start);
    const weekday = local.find((p) => p.type === 'weekday')?.value;
    const hour = Number(local.find((p) => p.type === 'hour')?.value);
    assert.ok(['lundi', 'mardi'].includes(weekday ?? ''), `${weekday ?? ''} ${href}`);
    assert.ok(hour >= 8 && hour < 12, href);

    await page.setViewportSize({ width: 768, height: 1024 });
    violations.push(...(await suite.axe(page)));
    assert.deepEqual(violations, []);
    assert.deepEqual(pageProblems, []);
    await page.context().close();
  });
});
