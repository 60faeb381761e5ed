/**
 * Secure messages (decision 022): a case manager opens a conversation about a person from the
 * person page with two members of her team pre-filled and sends a message with Enter (Shift+Enter
 * keeps a new line); another member of the team then sees it unread, in the navigation badge and
 * in the inbox, with the file the message carried. axe-core checks the screens. Expects `dist/web` to be built (npm run build:web).
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

describe('secure messages about a person', () => {
  test('a case manager writes to two team members about a person; one of them sees it unread', async () => {
    const page = await freshPage(800);
    await signIn(page, server.baseUrl, DEMO.coordinator);
    await page.getByRole('link', { name: /Roux/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Roux/ }).waitFor();
    await page.getByRole('link', { name: 'Message à l’équipe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle conversation' }).waitFor();
    const team = page.getByRole('group', { name: 'Équipe de soins' });
    const ticked = team.getByRole('checkbox', { checked: true });
    await ticked.first().waitFor();
    assert.equal(await ticked.count(), 2, 'the two team members with an account, pre-filled');
    assert.deepEqual(await axe(page), []);
    await page.getByLabel('Nom du groupe').fill('Sortie de Mme Roux');
    await page.getByRole('button', { name: 'Créer le groupe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sortie de Mme Roux' }).waitFor();

    const box = page.getByLabel('Votre message');
    await box.fill('Point sur la sortie :');
    await box.press('Shift+Enter');
    await box.pressSequentially('le lit médicalisé arrive mercredi.');
    await page.getByLabel(/^Pièces jointes/).setInputFiles({
      name: 'bon-de-livraison.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await box.press('Enter');
    const sent = page.locator('.message-body').last();
    await sent.getByText('le lit médicalisé arrive mercredi.').waitFor();
    assert.equal(
      await sent.innerText(),
      'Point sur la sortie :\nle lit médicalisé arrive mercredi.',
    );
    assert.equal(await box.inputValue(), '', 'the box is emptied once sent');
    assert.deepEqual(await axe(page), []);
    await page.context().close();

    const doctor = await freshPage(390);
    await signIn(doctor, server.baseUrl, DEMO.professional);
    await doctor.getByTestId('messages-badge').waitFor();
    assert.match(await doctor.getByTestId('messages-badge').innerText(), /1 non lu/);
    await doctor.goto(`${server.baseUrl}/messages`);
    const row = doctor.locator('.conversation-row', { hasText: 'Sortie de Mme Roux' });
    await row.getByText('1 non lu').waitFor();
    await row.getByText(/Au sujet de .*Roux/).waitFor();
    assert.deepEqual(await axe(doctor), []);
    await row.getByRole('link').click();
    await doctor.getByText('le lit médicalisé arrive mercredi.').waitFor();
    const file = doctor.getByRole('link', { name: 'bon-de-livraison.pdf' });
    const download = await Promise.all([doctor.waitForEvent('download'), file.click()]);
    assert.equal(download[0].suggestedFilename(), 'bon-de-livraison.pdf');
    // read on arrival: the badge clears on the next page
    await doctor.getByRole('link', { name: 'Messages', exact: true }).first().click();
    await doctor.locator('.conversation-row', { hasText: 'Sortie de Mme Roux' }).waitFor();
    await doctor.waitForLoadState('networkidle');
    assert.equal(await doctor.getByTestId('messages-badge').count(), 0);
    await doctor.context().close();
    assert.deepEqual(pageProblems, []);
  });
});
