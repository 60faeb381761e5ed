/**
 * The GIR calculator in a real browser: reached from the menu by a professional, coded with the
 * keyboard-usable radios on a tablet, the GIR shown as soon as the eight variables are coded.
 * Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

const VARIABLES = [
  'Cohérence',
  'Orientation',
  'Toilette',
  'Habillage',
  'Alimentation',
  'Élimination',
  'Transferts',
  'Déplacements à l’intérieur',
];

async function code(page: Page, variable: string, letter: 'A' | 'B' | 'C') {
  await page
    .getByRole('group', { name: variable, exact: true })
    .getByRole('radio', { name: new RegExp(`^${letter} `) })
    .check();
}

describe('GIR calculator', () => {
  test('a GP opens it from the menu on a tablet and reads the GIR, rank and deciding group', async () => {
    const context = watchForPageProblems(
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1024 } }),
    );
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, DEMO.professional);
      await page.getByRole('navigation').getByRole('link', { name: 'Calculateur GIR' }).click();
      await page.getByRole('heading', { level: 1, name: 'Calculateur GIR' }).waitFor();
      await page.getByText('Encore 8 variables à coder.').waitFor();

      for (const variable of VARIABLES) await code(page, variable, 'B');
      const result = page.getByRole('region', { name: 'Résultat' });
      await result.getByText('GIR 4', { exact: true }).waitFor();
      await result.getByText('Rang 10 sur 13, décidé par le groupe G').waitFor();

      // CCBBBBCC: group A total 4268 ≥ 4140 → rank 2 → GIR 2
      for (const variable of [
        'Cohérence',
        'Orientation',
        'Transferts',
        'Déplacements à l’intérieur',
      ]) {
        await code(page, variable, 'C');
      }
      await result.getByText('GIR 2', { exact: true }).waitFor();
      await result.getByText('Rang 2 sur 13, décidé par le groupe A').waitFor();

      const axe = await axeBuilder(page).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      assert.deepEqual(
        axe.violations.map((violation) => violation.id),
        [],
      );

      await page.getByRole('button', { name: 'Tout effacer' }).click();
      await page.getByText('Encore 8 variables à coder.').waitFor();
      assert.deepEqual(pageProblems, []);
    } finally {
      await context.close();
    }
  });

  test('a patient does not find it in the menu', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await signIn(page, server.baseUrl, DEMO.patient);
      await page.getByRole('navigation').getByRole('link', { name: 'Mon compte' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Calculateur GIR' }).count(), 0);
    } finally {
      await context.close();
    }
  });
});
