/**
 * Critical journeys through the web app in a real browser, against a real server on a fresh
 * demo database. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, getJson, launchBrowser, signIn, startServer } from './helpers.js';
import type { RunningServer } from './helpers.js';

type PersonsAnswer = { items: { firstName: string; lastName: string }[] };
type SessionAnswer = { user: { displayName: string } };

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

/** Each journey gets its own browser context: no cookies or stored language carried over. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 768, height: 1024 },
  });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

describe('web shell', () => {
  test('a coordinator signs in and sees her name and the people she follows, in French', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);

      const session = await getJson<SessionAnswer>(page, server.baseUrl, '/api/auth/session');
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      assert.ok(heading?.includes(session.user.displayName), `greeting was "${heading}"`);
      await page.getByText('Coordination de parcours').first().waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

      await page.getByRole('heading', { level: 2, name: 'Personnes suivies' }).waitFor();
      const persons = await getJson<PersonsAnswer>(page, server.baseUrl, '/api/persons');
      assert.ok(persons.items.length > 0, 'the demo coordinator follows somebody');
      const table = page.getByRole('table', { name: 'Personnes suivies' });
      await table.waitFor();
      assert.equal(await table.locator('tbody tr').count(), persons.items.length);
      const first = persons.items[0]!;
      // The last name is shown in capitals with CSS, which may or may not reach the accessible name.
      const name = new RegExp(`^${escapeRegExp(first.lastName)} ${escapeRegExp(first.firstName)}$`, 'i');
      await table.getByRole('rowheader', { name }).waitFor();
      await page.getByRole('columnheader', { name: 'Date de naissance' }).waitFor();
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('switching to English shows English labels, still after a reload', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);
      await page.getByRole('button', { name: 'English' }).click();

      await page.getByRole('heading', { level: 2, name: 'People you follow' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.getByRole('link', { name: 'My account' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');

      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'People you follow' }).waitFor();
      await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    } finally {
      await context.close();
    }
  });

  test('a wrong password shows the server message in an alert', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel('Adresse e-mail').fill(DEMO.coordinator);
      await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-right-password');
      const answer = page.waitForResponse(
        (response) => response.url().endsWith('/api/auth/login') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const response = await answer;
      assert.equal(response.status(), 401);
      const body = (await response.json()) as { error: { message: string } };
      assert.ok(body.error.message, 'the server explains the refusal');

      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.textContent())?.trim(), body.error.message);
      assert.match(page.url(), /\/login$/);
    } finally {
      await context.close();
    }
  });

  test('an administrator sees the list of accounts on the administration page', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.admin);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

      const table = page.getByRole('table', { name: 'Comptes du réseau' });
      await table.waitFor();
      for (const email of [DEMO.admin, DEMO.coordinator, DEMO.steering]) {
        await table.getByText(email, { exact: true }).waitFor();
      }
      await page.getByRole('heading', { level: 2, name: 'Inviter une personne' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Messages envoyés' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('someone who is not an administrator has no administration link', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);
      assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
      await page.goto(`${server.baseUrl}/admin`);
      await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('an unknown invitation link tells the person to ask for a new invitation', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.baseUrl}/invitation/no-such-token`);
      await page.getByText('Invitation introuvable').waitFor();
      await page.getByText(/nouvelle invitation/).waitFor();
    } finally {
      await context.close();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
