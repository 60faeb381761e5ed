/**
 * Takes a PNG of each screen, in French, at tablet size (768×1024), into /tmp/shots/ for people to
 * look at. Needs a running server with the demo network:
 *
 *   BASE_URL=http://localhost:3000 node --import tsx test/browser/screenshot.ts
 *
 * It creates one invitation (and accepts it) to show the invitation and first-visit screens.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, launchBrowser, signIn } from './helpers.js';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const OUT_DIR = process.env.SHOTS_DIR ?? '/tmp/shots';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 768, height: 1024 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  process.stdout.write(`${path}\n`);
}

/** As admin: invites a new person and returns the invitation link found in the outbox. */
async function createInvitation(page: Page): Promise<string | null> {
  const session = (await (await page.request.get(`${BASE_URL}/api/auth/session`)).json()) as {
    csrfToken: string;
  };
  const email = `capture-${Date.now()}@exemple.fr`;
  const created = await page.request.post(`${BASE_URL}/api/admin/invitations`, {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { email, displayName: 'Camille Martin', role: 'professional', locale: 'fr' },
  });
  if (!created.ok()) {
    process.stderr.write(`invitation refused: ${created.status()} ${await created.text()}\n`);
    return null;
  }
  const outbox = (await (await page.request.get(`${BASE_URL}/api/admin/outbox`)).json()) as {
    items: { toAddress: string; body: string }[];
  };
  const mail = outbox.items.find((item) => item.toAddress === email);
  const link = mail?.body.match(/https?:\/\/\S*\/invitation\/[^\s"<>]+/)?.[0];
  if (!link) return null;
  // Open the link on the server under test even if the mail names another public address.
  return `${BASE_URL}${new URL(link).pathname}`;
}

/** As admin, in a page of its own: the newest link of this kind mailed to this address. */
async function linkFromOutbox(browser: Browser, email: string, kind: string) {
  const page = await newPage(browser);
  try {
    await signIn(page, BASE_URL, DEMO.admin);
    const outbox = (await (await page.request.get(`${BASE_URL}/api/admin/outbox`)).json()) as {
      items: { toAddress: string; body: string }[];
    };
    const link = outbox.items
      .filter((item) => item.toAddress === email)
      .flatMap((item) => item.body.match(/https?:\/\/\S+/g) ?? [])
      .find((url) => url.includes(kind));
    return link ? `${BASE_URL}${new URL(link).pathname}` : null;
  } finally {
    await page.context().close();
  }
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const browser = await launchBrowser();
  try {
    // Signed out
    let page = await newPage(browser);
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, '01-login');

    await page.getByRole('button', { name: 'Se connecter' }).click();
    await shoot(page, '02-login-empty-fields');

    await page.getByLabel('Adresse e-mail').fill('personne-inconnue@exemple.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await shoot(page, '03-login-error');

    await page.goto(`${BASE_URL}/invitation/lien-inconnu`);
    await page.getByRole('status').or(page.getByRole('alert')).first().waitFor();
    await shoot(page, '04-invitation-unknown');

    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').waitFor();
    await shoot(page, '14-forgot-password');
    await page.getByLabel('Adresse e-mail').fill('personne-inconnue@exemple.fr');
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Regardez vos e-mails').waitFor();
    await shoot(page, '15-forgot-password-sent');
    await page.goto(`${BASE_URL}/password-reset/lien-inconnu`);
    await page.getByText('Lien introuvable').waitFor();
    await shoot(page, '16-reset-unknown');
    await page.context().close();

    // Coordinator
    page = await newPage(browser);
    await signIn(page, BASE_URL, DEMO.coordinator);
    await page.getByRole('table').or(page.locator('.empty-state')).first().waitFor();
    await shoot(page, '05-home-coordinator');
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await shoot(page, '06-account');
    await page.context().close();

    // Steering committee
    page = await newPage(browser);
    await signIn(page, BASE_URL, DEMO.steering);
    await shoot(page, '07-home-steering');
    await page.context().close();

    // Administrator
    page = await newPage(browser);
    await signIn(page, BASE_URL, DEMO.admin);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('table').first().waitFor();
    await shoot(page, '08-admin');
    const invitationUrl = await createInvitation(page);
    await page.reload();
    await page.locator('.mail summary').first().click();
    await shoot(page, '13-admin-outbox');
    const row = page.getByRole('row').filter({ hasText: DEMO.professional });
    await row.getByRole('button', { name: /^Actions/ }).click();
    await shoot(page, '17-admin-user-actions');
    await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await shoot(page, '18-admin-user-disable-confirm');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.context().close();

    // A newly invited professional
    if (invitationUrl) {
      page = await newPage(browser);
      await page.goto(invitationUrl);
      await page.getByLabel('Mot de passe', { exact: true }).waitFor();
      await shoot(page, '09-invitation');
      await page.getByLabel('Mot de passe', { exact: true }).fill('court');
      await page.getByLabel('Confirmez le mot de passe').fill('autre');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await shoot(page, '10-invitation-errors');
      const password = `${DEMO_PASSWORD}-nouveau`;
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByLabel('Confirmez le mot de passe').fill(password);
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('heading', { level: 1, name: /Bonjour|Mon compte/ }).waitFor();
      await shoot(page, '11-first-visit');
      await page.goto(`${BASE_URL}/account`);
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Activer' }).click();
      await page.getByLabel('Code à 6 chiffres').waitFor();
      await shoot(page, '12-account-totp-setup');
      // The same person forgets their password: the link from the outbox, then the new password
      const email = (await (await page.request.get(`${BASE_URL}/api/auth/session`)).json()) as {
        user: { email: string };
      };
      await page.context().close();

      page = await newPage(browser);
      await page.request.post(`${BASE_URL}/api/auth/password-reset`, {
        data: { email: email.user.email },
      });
      const resetUrl = await linkFromOutbox(browser, email.user.email, '/password-reset/');
      if (resetUrl) {
        await page.goto(resetUrl);
        await page.getByLabel('Nouveau mot de passe', { exact: true }).waitFor();
        await shoot(page, '19-reset-password');
      }
      await page.context().close();
    } else {
      process.stderr.write('no invitation link found in the outbox: invitation screens skipped\n');
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
