/**
 * A followed person's own account (decision 008): their case manager gives it from the home page,
 * the link goes by e-mail only, and the account sees that person alone. The administration's
 * invite form no longer offers the patient role. Expects `dist/web` to be built
 * (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
  axeBuilder,
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

async function freshPage(width = 768): Promise<{ context: BrowserContext; page: Page }> {
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 1024 } }),
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
  const results = await axeBuilder(page)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes[0]?.target.join(' ')}`);
}

describe("a followed person's own account", () => {
  test("an administrator's invite form no longer offers the patient role, and says who gives it", async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.admin);
      await page.getByRole('link', { name: 'Administration' }).click();
      const roles = await page.getByLabel('Rôle').locator('option').allTextContents();
      assert.ok(roles.includes('Professionnel·le de santé'), roles.join(', '));
      assert.ok(!roles.includes('Patient·e ou proche aidant·e'), roles.join(', '));
      assert.equal(await page.getByLabel('Personne concernée').count(), 0);
      await page.getByText(/^Le compte d'une personne suivie .* ne se crée pas ici/).waitFor();
    } finally {
      await context.close();
    }
  });

  test('a professional on the care team only is not offered to give an account', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.professional);
      await page.getByRole('heading', { level: 2, name: 'Personnes suivies' }).waitFor();
      await page.getByRole('table').waitFor();
      assert.equal((await page.getByText('Équipe de soins').count()) > 0, true);
      assert.equal(await page.getByRole('button', { name: /^Donner son compte/ }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('a case manager gives a person their account; the invitee sees exactly their own record', async () => {
    const coordinator = await apiAs(DEMO.coordinator);
    const { items: managed } = await coordinator.call<{ items: PersonItem[] }>(
      'GET',
      '/api/persons',
    );
    // The demo patient account is Jeanne Roux's; anyone else the coordinator manages has none.
    const person = managed.find(
      (p) => p.relation === 'case_manager' && `${p.firstName} ${p.lastName}` !== 'Jeanne Roux',
    );
    assert.ok(person, 'the demo case manager manages someone without an account');
    const name = `${person.firstName} ${person.lastName}`;
    const email = `aidant-${Date.now()}@exemple.fr`;

    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);
      await page.getByLabel('Rechercher une personne').fill(name);
      const toggle = page.getByRole('button', { name: `Donner son compte à ${name}` });
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const form = page.getByRole('form', { name: `Donner son compte à ${name}` });
      // the keyboard lands on the e-mail; the name is the person's until changed
      const emailField = form.getByLabel('Adresse e-mail');
      await form.locator('input[type="email"]:focus').waitFor();
      assert.equal(await form.getByLabel('Nom affiché').inputValue(), name);

      // nothing sent without an address; the error is tied to the field and focused
      await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
      await form.getByText('Ce champ est obligatoire.').waitFor();
      assert.equal(await emailField.getAttribute('aria-invalid'), 'true');
      await form.locator('[aria-invalid="true"]:focus').waitFor();
      assert.deepEqual(await violations(page), [], 'the form with its error passes axe');

      await emailField.fill(email);
      await form.getByLabel('Nom affiché').fill(`Aidant de ${name}`);
      await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
      const sent = page
        .getByRole('status')
        .filter({ hasText: `Invitation envoyée à ${email} pour ${name}.` });
      await sent.waitFor();
      assert.equal(await form.count(), 0, 'the form closes once sent');

      // a second account for the same person is refused in plain words, nothing sent
      await toggle.click();
      await form.getByLabel('Adresse e-mail').fill(`autre-${email}`);
      await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
      await page
        .getByRole('alert')
        .filter({
          hasText: 'Cette personne a déjà un compte : un seul compte par personne suivie.',
        })
        .waitFor();
      assert.deepEqual(await violations(page), [], 'the refusal passes axe');
      await form.getByRole('button', { name: 'Annuler' }).click();
      await page
        .locator('button[aria-expanded="false"]:focus')
        .filter({ hasText: 'Donner son compte' })
        .waitFor();
    } finally {
      await context.close();
    }

    // The admin's outbox shows the patient invitation's state but never offers its link.
    const admin = await freshPage();
    try {
      await signIn(admin.page, server.baseUrl, DEMO.admin);
      await admin.page.getByRole('link', { name: 'Administration' }).click();
      const mail = admin.page.locator('.mail').filter({ hasText: email });
      await mail.getByText('invitation — valable, pas encore utilisé').waitFor();
      await mail.getByText(/il ne part donc que par e-mail/).waitFor();
      assert.equal(await mail.getByRole('button', { name: /Lire le lien/ }).count(), 0);
    } finally {
      await admin.context.close();
    }

    // The link goes by mail only: the test reads it where the mailer does (outbox.link).
    const invitationPath = await server.linkMailedTo(email, '/invitation/');
    const invited = await freshPage();
    try {
      await invited.page.goto(`${server.baseUrl}${invitationPath}`);
      await invited.page.getByText('Patient·e ou proche aidant·e').waitFor();
      const password = 'une phrase de passe assez longue';
      await invited.page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await invited.page.getByLabel('Confirmez le mot de passe').fill(password);
      await invited.page.getByRole('button', { name: 'Créer mon compte' }).click();
      await invited.page
        .getByRole('heading', { level: 1, name: `Bonjour Aidant de ${name}` })
        .waitFor();
      const response = await invited.page.request.get(`${server.baseUrl}/api/persons`);
      const own = (await response.json()) as { items: PersonItem[] };
      assert.deepEqual(
        own.items.map((p) => [p.id, p.relation]),
        [[person.id, 'self']],
      );
      // their home page lists them, as themselves, with nothing to give
      const row = invited.page.getByRole('row').filter({ hasText: person.lastName });
      await row.getByText('Vous-même').waitFor();
      assert.equal(await invited.page.getByRole('row').count(), 2, 'header and one person');
      assert.equal(
        await invited.page.getByRole('button', { name: /^Donner son compte/ }).count(),
        0,
      );
    } finally {
      await invited.context.close();
    }
  });

  test('on a phone the action is in view, without scrolling sideways, and its form fits', async () => {
    const { context, page } = await freshPage(390);
    try {
      await signIn(page, server.baseUrl, DEMO.coordinator);
      const toggle = page.getByRole('button', { name: /^Donner son compte à / }).first();
      await toggle.waitFor();
      const fits = async (what: string, box: { x: number; width: number } | null) => {
        assert.ok(box, `${what} is drawn`);
        assert.ok(
          box.x >= 0 && box.x + box.width <= 390,
          `${what} within 390 px: ${box.x}+${box.width}`,
        );
      };
      await fits('the button', await toggle.boundingBox());
      await toggle.click();
      await fits('the e-mail field', await page.getByLabel('Adresse e-mail').boundingBox());
      await fits(
        'the send button',
        await page.getByRole('button', { name: "Envoyer l'invitation" }).boundingBox(),
      );
      assert.deepEqual(await violations(page), [], 'the phone layout passes axe');
    } finally {
      await context.close();
    }
  });

  test('no page reported a blocked script or an uncaught error', () => {
    assert.deepEqual(pageProblems, []);
  });
});
