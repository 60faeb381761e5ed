/**
 * Closed-loop referrals in the browser (decision 023): a case manager refers a person to two
 * services at once from the person page; a member of the first accepts with a first date from
 * the referral inbox; a member of the second then sees it filled, with nothing left to answer.
 * axe-core checks the form, the inbox and the detail. Expects `dist/web` (npm run build:web).
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
  server = await startServer(180_000);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(width: number): Promise<Page> {
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } }),
  );
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function axe(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await axeBuilder(page)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => `${page.url()} — ${v.id}: ${v.help}`);
}

describe('closed-loop referrals', () => {
  test('a case manager refers to two services, one accepts, the other sees it filled', async () => {
    const manager = await freshPage(768);
    await signIn(manager, server.baseUrl, DEMO.coordinator);
    await manager.getByRole('link', { name: /Roux/ }).first().click();
    await manager.getByRole('heading', { level: 1, name: /Roux/ }).waitFor();
    await manager.getByRole('link', { name: 'Adresser', exact: true }).click();
    await manager.getByRole('heading', { level: 1, name: 'Adresser la personne' }).waitFor();
    await manager
      .getByLabel('Motif de la demande')
      .fill('Bilan de chute et rééducation à la marche à domicile.');
    await manager.getByLabel('Délai de réponse attendu').selectOption('within_7d');
    // the usual providers first: a service of the GP's health centre and one of the CCAS
    const usual = manager.getByRole('region', { name: 'Intervenants habituels de la personne' });
    await usual
      .getByRole('checkbox', { name: /Tilleuls/ })
      .first()
      .check();
    await usual
      .getByRole('checkbox', { name: /CCAS de Saint-Étienne-de-Valoux/ })
      .first()
      .check();
    assert.deepEqual(await axe(manager), []);
    await manager.getByRole('button', { name: /Envoyer l’adressage aux 2 destinataires/ }).click();
    await manager.getByRole('heading', { level: 1, name: /Adressage de .*Roux/ }).waitFor();
    const referralUrl = manager.url();
    assert.match(referralUrl, /\/adressages\/[0-9a-f-]{36}$/);
    const recipients = manager.getByRole('region', { name: 'Destinataires et réponses' });
    assert.equal(await recipients.getByText('en attente de réponse').count(), 2);
    await manager.context().close();

    // the GP answers for his health centre, from his inbox
    const gp = await freshPage(390);
    await signIn(gp, server.baseUrl, DEMO.professional);
    await gp.goto(`${server.baseUrl}/adressages`);
    await gp.getByRole('heading', { level: 1, name: 'Adressages reçus' }).waitFor();
    assert.deepEqual(await axe(gp), []);
    await gp
      .locator(`a[href="${new URL(referralUrl).pathname}"]`)
      .first()
      .click();
    await gp.getByRole('heading', { level: 1, name: /Adressage de .*Roux/ }).waitFor();
    const inFourDays = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    await gp.getByLabel('Date du premier rendez-vous').fill(inFourDays);
    await gp.getByRole('button', { name: 'Accepter', exact: true }).click();
    await gp.getByText(/Vous avez accepté : premier rendez-vous le/).waitFor();
    await gp.context().close();

    // the social worker, for the CCAS: filled, nothing to answer
    const social = await freshPage(768);
    await signIn(social, server.baseUrl, DEMO.social);
    await social.goto(referralUrl);
    await social
      .getByText(/Un autre destinataire a accepté : cette demande est pourvue/)
      .first()
      .waitFor();
    assert.equal(await social.getByRole('button', { name: 'Accepter', exact: true }).count(), 0);
    assert.deepEqual(await axe(social), []);
    await social.context().close();
    assert.deepEqual(pageProblems, []);
  });
});
