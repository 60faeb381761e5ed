/**
 * Inviting someone from the administration screen, role by role that needs more than an e-mail:
 * a patient (or caregiver) account is for one person, chosen among the people the inviter follows.
 * Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
} from './helpers.js';
import type { RunningServer } from './helpers.js';

type PersonItem = { id: string; firstName: string; lastName: string; relation: string };

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
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1024 } }),
  );
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

/** Signs in through the API and returns a caller with that user's cookie and CSRF token. */
async function apiAs(email: string) {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `${email} signs in`);
  const { session } = (await login.json()) as {
    session: { csrfToken: string; user: { memberId: string | null } };
  };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': session.csrfToken,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { user: session.user, call };
}

/** The WCAG 2.1 A/AA violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes[0]?.target.join(' ')}`);
}

describe('invitations from the administration screen', () => {
  test('an administrator who follows nobody is told why no person is offered', async () => {
    const { context, page } = await freshPage();
    try {
      // The demo administrator is on no care team (the next test puts her on one).
      await signIn(page, server.baseUrl, DEMO.admin);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByLabel('Rôle').selectOption({ label: 'Patient·e ou proche aidant·e' });
      const picker = page.getByLabel('Personne concernée');
      await picker.waitFor();
      await page.getByText(/^Vous ne suivez aucune personne pour l'instant/).waitFor();
      assert.deepEqual(await picker.locator('option').allTextContents(), ['Choisir une personne…']);
    } finally {
      await context.close();
    }
  });

  test('an administrator invites a patient account for a person she follows, and it is created', async () => {
    // Setup through the API: the case manager puts the administrator's own directory profile on
    // the care team of a person who has no account yet, so the administrator follows that person.
    const coordinator = await apiAs(DEMO.coordinator);
    const admin = await apiAs(DEMO.admin);
    assert.ok(admin.user.memberId, 'the demo administrator has a directory profile');
    const { items: managed } = await coordinator.call<{ items: PersonItem[] }>(
      'GET',
      '/api/persons',
    );
    // The demo patient account is Jeanne Roux's; anyone else followed has none.
    const person = managed.find(
      (p) => p.relation === 'case_manager' && `${p.firstName} ${p.lastName}` !== 'Jeanne Roux',
    );
    assert.ok(person, 'the demo case manager follows someone without an account');
    await coordinator.call('POST', `/api/persons/${person.id}/care-team`, {
      memberId: admin.user.memberId,
      roleTitle: 'Accueil du réseau',
    });

    const email = `aidant-${Date.now()}@exemple.fr`;
    let invitationPath: string;
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.admin);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByLabel('Nom et prénom').fill('Lucien Aubert');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Rôle').selectOption({ label: 'Patient·e ou proche aidant·e' });

      // The person is asked for, and required, before anything is sent.
      const picker = page.getByLabel('Personne concernée');
      await picker.waitFor();
      await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
      await page.getByText('Choisissez la personne à qui ce compte est destiné.').waitFor();
      assert.deepEqual(await violations(page), [], 'the form with its error passes axe');

      const offered = await picker.locator('option').allTextContents();
      const label = offered.find((text) =>
        text.startsWith(`${person.lastName} ${person.firstName}`),
      );
      assert.ok(
        label,
        `${person.lastName} ${person.firstName} is offered among ${offered.join(', ')}`,
      );
      await picker.selectOption({ label });
      await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `Invitation envoyée à ${email}` })
        .waitFor();

      const { items } = await admin.call<{ items: { toAddress: string; body: string }[] }>(
        'GET',
        '/api/admin/outbox',
      );
      const link = items
        .find((m) => m.toAddress === email)
        ?.body.match(/https?:\/\/\S+/g)
        ?.find((url) => url.includes('/invitation/'));
      assert.ok(link, 'the invitation mail carries its link');
      invitationPath = new URL(link).pathname;
    } finally {
      await context.close();
    }

    // The invited caregiver creates the account and sees the person it is for, and only them.
    const invited = await freshPage();
    try {
      await invited.page.goto(`${server.baseUrl}${invitationPath}`);
      await invited.page.getByText('Patient·e ou proche aidant·e').waitFor();
      const password = 'une phrase de passe assez longue';
      await invited.page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await invited.page.getByLabel('Confirmez le mot de passe').fill(password);
      await invited.page.getByRole('button', { name: 'Créer mon compte' }).click();
      await invited.page
        .getByRole('heading', { level: 1, name: 'Bonjour Lucien Aubert' })
        .waitFor();
      const response = await invited.page.request.get(`${server.baseUrl}/api/persons`);
      const own = (await response.json()) as { items: PersonItem[] };
      assert.deepEqual(
        own.items.map((p) => [p.id, p.relation]),
        [[person.id, 'self']],
      );
    } finally {
      await invited.context.close();
    }
  });

  test('no page reported a blocked script or an uncaught error', () => {
    assert.deepEqual(pageProblems, []);
  });
});
