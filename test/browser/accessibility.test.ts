/**
 * Automated accessibility check (axe-core, WCAG 2.1 A and AA rules) of each screen, in French, at
 * tablet width, against a real server on a fresh demo database. Automated rules catch about a third
 * of WCAG problems (contrast, names, labels, structure); keyboard journeys are in the other files.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, launchBrowser, signIn, startServer, axeBuilder } from './helpers.js';
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

async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 768, height: 1024 },
  });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** The WCAG 2.1 A/AA violations on the page as it is now, one readable line each. */
async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await axeBuilder(page)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (v) =>
      `${page.url()} — ${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

describe('accessibility (axe-core, WCAG 2.1 AA rules)', () => {
  test('the signed-out screens', async () => {
    const { context, page } = await freshPage();
    const found: string[] = [];
    try {
      for (const path of ['/login', '/password-reset', '/password-reset/lien-inconnu']) {
        await page.goto(`${server.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        found.push(...(await violations(page)));
      }
      await page.goto(`${server.baseUrl}/login`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Ce champ est obligatoire.').first().waitFor();
      found.push(...(await violations(page)));
    } finally {
      await context.close();
    }
    assert.deepEqual(found, []);
  });

  test('the screens of a case manager and of network staff', async () => {
    const found: string[] = [];
    for (const [email, paths] of [
      [DEMO.coordinator, ['/', '/account', '/directory', '/directory?q=infirmier']],
      [
        DEMO.admin,
        ['/admin', '/directory/import', '/directory/organisations/new', '/directory/members/new'],
      ],
    ] as const) {
      const { context, page } = await freshPage();
      try {
        await signIn(page, server.baseUrl, email);
        for (const path of paths) {
          await page.goto(`${server.baseUrl}${path}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          found.push(...(await violations(page)));
        }
        if (email === DEMO.admin) {
          // the actions on an account, opened, then the confirmation step
          await page.goto(`${server.baseUrl}/admin`);
          await page
            .getByRole('button', { name: /^Actions pour/ })
            .first()
            .click();
          await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
          await page.getByRole('button', { name: 'Annuler' }).waitFor();
          found.push(...(await violations(page)));
        }
        if (email === DEMO.coordinator) {
          // a directory profile and its history, reached as a user would
          await page.goto(`${server.baseUrl}/directory?q=infirmier`);
          await page.locator('section[data-results-for] h3 a').first().click();
          await page.getByRole('heading', { level: 1 }).waitFor();
          found.push(...(await violations(page)));
          await page.goto(`${page.url()}/history`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          found.push(...(await violations(page)));
        }
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(found, []);
  });
});
