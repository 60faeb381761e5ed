/**
 * The emergency liaison sheet (decision 020) in a real browser: a case manager records where the
 * advance directives are kept on the identity form, then prints the sheet from the person's page
 * (the PDF answers), and sets the palliative-care flag from its own section (decision 027), which
 * network staff do not see. Screenshots at 800 px and 390 px go to /tmp/shots/emergency-sheet/. Expects
 * `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite, DEMO, getJson, pageProblems, signIn } from './helpers.js';

const SHOTS = '/tmp/shots/emergency-sheet';
const suite = browserSuite({ shots: SHOTS });

describe('emergency liaison sheet', () => {
  for (const width of [800, 390]) {
    test(`a case manager records the advance directives and prints the sheet (${String(width)} px)`, async () => {
      const page = await suite.freshPage(width, 1000);
      const context = page.context();
      try {
        await signIn(page, suite.server.baseUrl, DEMO.coordinator);
        const persons = await getJson<{ items: { id: string; relation: string }[] }>(
          page,
          suite.server.baseUrl,
          '/api/persons',
        );
        const followed = persons.items.filter((p) => p.relation === 'case_manager');
        const personId = followed[width === 800 ? 0 : 1]!.id;

        await page.goto(`${suite.server.baseUrl}/persons/${personId}/edit`);
        await page.getByLabel('Directives anticipées rédigées ?').selectOption('yes');
        await page.getByLabel('Où sont-elles conservées ?').fill('Tiroir de la commode');
        const fieldset = page.getByRole('group', { name: 'Directives anticipées' });
        await fieldset.scrollIntoViewIfNeeded();
        await fieldset.screenshot({ path: `${SHOTS}/edit-${String(width)}.png` });
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(`${suite.server.baseUrl}/persons/${personId}`);

        const link = page.getByRole('link', { name: "Imprimer la fiche de liaison d'urgence" });
        await link.waitFor();
        await page.screenshot({ path: `${SHOTS}/person-${String(width)}.png` });
        const href = await link.getAttribute('href');
        assert.equal(href, `/api/persons/${personId}/emergency-sheet.pdf?lang=fr`);
        const pdf = await page.request.get(`${suite.server.baseUrl}${href}`);
        assert.equal(pdf.status(), 200);
        assert.equal(pdf.headers()['content-type'], 'application/pdf');
        const identity = await getJson<{ advanceDirectives: unknown }>(
          page,
          suite.server.baseUrl,
          `/api/persons/${personId}`,
        );
        assert.deepEqual(identity.advanceDirectives, {
          exists: true,
          where: 'Tiroir de la commode',
        });

        // Palliative care (decision 027): medical data, set from its own section by a medical
        // writer (the case manager here), then printed on the sheet.
        const palliative = page.getByRole('form', { name: 'Soins palliatifs' });
        await palliative
          .getByLabel('La personne est-elle en soins palliatifs ?')
          .selectOption('yes');
        await palliative.scrollIntoViewIfNeeded();
        await palliative.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Enregistré. La fiche de liaison d’urgence l’imprimera.').waitFor();
        await palliative.screenshot({ path: `${SHOTS}/palliative-${String(width)}.png` });
        const flag = await getJson<{ palliativeCare: boolean | null }>(
          page,
          suite.server.baseUrl,
          `/api/persons/${personId}/palliative-care`,
        );
        assert.equal(flag.palliativeCare, true);
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('network staff, who read no medical data, get no palliative-care section', async () => {
    const page = await suite.freshPage(800);
    try {
      await signIn(page, suite.server.baseUrl, DEMO.coordinator);
      const persons = await getJson<{ items: { id: string; relation: string }[] }>(
        page,
        suite.server.baseUrl,
        '/api/persons',
      );
      const personId = persons.items.find((p) => p.relation === 'case_manager')!.id;
      await page.context().clearCookies();
      await signIn(page, suite.server.baseUrl, DEMO.admin);
      await page.goto(`${suite.server.baseUrl}/persons/${personId}`);
      await page.getByRole('heading', { level: 2, name: 'Cercle de soins' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Soins palliatifs' }).count(), 0);
      assert.deepEqual(pageProblems, []);
    } finally {
      await page.context().close();
    }
  });
});
