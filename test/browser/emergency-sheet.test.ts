/**
 * The emergency liaison sheet (decision 020) in a real browser: a case manager records where the
 * advance directives are kept on the identity form, then prints the sheet from the person's page
 * (the PDF answers). Screenshots at 800 px and 390 px go to /tmp/shots/emergency-sheet/. Expects
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
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    });
  }
});
