/**
 * The assessment form in a real browser, tablet-sized: a coordinator opens a person's assessments
 * from the home page, fills an AGGIR grid section by section (saved as answered), sees the GIR and
 * the level with its reasons live, completes it, and finds the level on the person's page.
 * Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  DEMO,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
  axeBuilder,
} from './helpers.js';
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

describe('assessment form', () => {
  test('a coordinator fills an AGGIR grid on a tablet and sees the GIR and the level with its reasons', async () => {
    const context = watchForPageProblems(
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1024, height: 768 } }),
    );
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);
      await page
        .getByRole('link', { name: /^Évaluations de / })
        .first()
        .click();
      await page
        .getByRole('heading', { level: 1, name: 'Évaluations et niveau d’intégration' })
        .waitFor();
      await page.getByText('Pas encore de niveau : aucune évaluation terminée.').waitFor();
      await page.getByRole('button', { name: 'Commencer : Grille AGGIR' }).click();
      await page.getByRole('heading', { level: 1, name: 'Grille AGGIR' }).waitFor();

      // Every discriminating sub-variable coded C: GIR 1.
      const grid = page.locator('form');
      const groups = grid.getByRole('group');
      const count = await groups.count();
      assert.equal(count, 17, 'fifteen sub-variables and the two that weigh 0');
      for (let index = 0; index < count; index++) {
        await groups.nth(index).getByRole('radio', { name: /^C / }).check();
        await page.getByText('Brouillon enregistré.').waitFor();
      }
      const result = page.getByRole('complementary', { name: 'Résultat' });
      await result.getByText('GIR 1', { exact: true }).waitFor();
      await result.getByText(/Perte d’autonomie \(GIR 1, seuil : GIR 4 ou moins\)/).waitFor();
      assert.equal(
        await result.locator('.level-value').textContent(),
        'coordination',
        'GIR 1 alone: dependent, nothing says many services or urgency',
      );

      if (process.env.SCREENSHOT_DIR) {
        await page.screenshot({
          path: `${process.env.SCREENSHOT_DIR}/assessment-aggir.png`,
          fullPage: true,
        });
      }
      const axe = await axeBuilder(page).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      assert.deepEqual(
        axe.violations.map(
          (violation) => `${violation.id} ${violation.nodes[0]?.target.join(' ')}`,
        ),
        [],
      );

      // The illustrative variables are optional: the grid completes without them.
      await page.getByRole('button', { name: 'Terminer l’évaluation' }).click();
      await page.getByText(/^Terminée le .* Elle ne change plus/).waitFor();
      assert.equal(await page.getByRole('radio').first().isDisabled(), true);

      await page.getByRole('link', { name: 'Retour aux évaluations' }).click();
      const level = page.getByRole('region', { name: 'Niveau d’intégration' });
      await level.locator('.level-value', { hasText: /^coordination$/ }).waitFor();
      await level.getByText(/^Prochaine évaluation prévue le /).waitFor();
      await page.getByText('terminée', { exact: true }).waitFor();

      // A typed answer that does not fit its question: the server's words beside it, focus kept.
      await page
        .getByRole('button', { name: 'Commencer : Évaluation multidimensionnelle' })
        .click();
      const medications = page.getByLabel(/^Nombre de médicaments pris chaque jour/);
      await medications.fill('99');
      await medications.press('Tab');
      await page.getByText('nombre entier attendu, dans les bornes de la question').waitFor();
      assert.equal(await medications.getAttribute('aria-invalid'), 'true');
      await medications.fill('6');
      await medications.press('Tab');
      await page.getByText('Brouillon enregistré.').waitFor();
      assert.equal(await medications.getAttribute('aria-invalid'), null);
      assert.deepEqual(pageProblems, []);
    } finally {
      await context.close();
    }
  });

  test('an admin sets the integration-level thresholds; one out of order is refused beside its field', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1024, height: 768 },
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, DEMO.admin);
      await page.goto(`${server.baseUrl}/admin`);
      const section = page.getByRole('region', { name: 'Niveau d’intégration' });
      const veryDependent = section.getByLabel('GIR jusqu’auquel la personne est très dépendante');
      assert.equal(await veryDependent.inputValue(), '2');
      await veryDependent.fill('5');
      await section.getByRole('button', { name: 'Enregistrer' }).click();
      await section
        .getByText(
          'le GIR de l’intégration complète doit être inférieur ou égal à celui de la coordination',
        )
        .waitFor();
      assert.equal(await veryDependent.getAttribute('aria-invalid'), 'true');
      await veryDependent.fill('3');
      await section.getByLabel('coordination', { exact: true }).fill('120');
      await section.getByRole('button', { name: 'Enregistrer' }).click();
      await section.getByRole('status').waitFor();
      await page.reload();
      assert.equal(
        await page.getByLabel('GIR jusqu’auquel la personne est très dépendante').inputValue(),
        '3',
      );
    } finally {
      await context.close();
    }
  });
});
