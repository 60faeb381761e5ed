/**
 * Issue 17, points 7 and 8 in a real browser (decision 035): the invitation banner says what
 * became of the mail — on the demo, no mail server is set, so it says no e-mail left and lets the
 * admin who sent it copy the link (audited) — and the directory's commune filter offers the six
 * demo communes only. Screenshots (French, 390 and 768 px) go to /tmp/shots/dir-demo/. Expects
 * `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_COMMUNES } from '../../src/seed/demo-directory.data.js';
import { browserSuite, DEMO, pageProblems, signIn } from './helpers.js';

const SHOTS = '/tmp/shots/dir-demo';
const suite = browserSuite({ shots: SHOTS });

describe('invitation banner and demo directory filter', () => {
  for (const width of [768, 390]) {
    test(`an admin invites without a mail server: told no e-mail left, copies the link (${String(width)} px)`, async () => {
      const page = await suite.freshPage(width, 1100);
      const context = page.context();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: suite.server.baseUrl,
      });
      try {
        await signIn(page, suite.server.baseUrl, DEMO.admin);
        await page.getByRole('link', { name: 'Administration' }).click();
        const email = `banniere-${String(width)}@msp.reseau-demo.fr`;
        await page.getByLabel('Nom et prénom').fill('Bérénice Bannière');
        await page.getByLabel('Adresse e-mail').fill(email);
        await page.getByRole('button', { name: "Envoyer l'invitation" }).click();

        const banner = page.getByRole('status').filter({
          hasText: "Invitation créée — aucun e-mail n'est parti",
        });
        await banner.waitFor();
        assert.doesNotMatch(await banner.innerText(), /envoyée/);
        assert.match(await banner.innerText(), /Aucun serveur d'envoi n'est configuré/);
        assert.deepEqual(await suite.axe(page), []);

        // the clipboard takes text only from the focused page (Chromium refuses it otherwise)
        await page.bringToFront();
        await banner
          .getByRole('button', { name: `Copier le lien d'invitation de ${email} (tracé)` })
          .click();
        const field = banner.getByLabel(`Lien d'invitation à remettre à ${email}`);
        await field.waitFor();
        const link = await field.inputValue();
        assert.match(link, /\/invitation\/[\w-]{20,}$/);
        await banner.getByText('Lien copié dans le presse-papiers').waitFor();
        assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), link);
        await banner.scrollIntoViewIfNeeded();
        await banner.screenshot({ path: `${SHOTS}/invitation-banner-${String(width)}.png` });
        assert.deepEqual(await suite.axe(page), []);
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('the commune filter of the demo directory offers its six communes only', async () => {
    const page = await suite.freshPage(768, 1100);
    const context = page.context();
    try {
      await signIn(page, suite.server.baseUrl, DEMO.coordinator);
      await page.goto(`${suite.server.baseUrl}/directory`);
      await page.getByText('Affiner la recherche').first().click();
      const select = page.getByLabel('Commune', { exact: true });
      await select.waitFor();
      const options = (await select.locator('option').allTextContents()).slice(1);
      assert.deepEqual([...options].sort(), [...DEMO_COMMUNES].sort());
      const types = await page.getByLabel('Type de structure').locator('option').allTextContents();
      for (const type of ['Hospitalisation à domicile (HAD)', 'Cabinet infirmier']) {
        assert.ok(types.includes(type), types.join(', '));
      }
      await select.selectOption('Lavergne');
      await page.getByLabel('Type de structure').selectOption({ label: 'Cabinet médical' });
      await page.getByRole('button', { name: 'Rechercher' }).first().click();
      await page.getByRole('link', { name: 'Cabinet médical des Acacias' }).first().waitFor();
      await page.screenshot({ path: `${SHOTS}/directory-filter-768.png`, fullPage: false });
      assert.deepEqual(await suite.axe(page), []);
      assert.deepEqual(pageProblems, []);
    } finally {
      await context.close();
    }
  });
});
