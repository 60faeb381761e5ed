/**
 * Takes a PNG of each screen, in French, at tablet (768 px) and phone (390 px) widths, into
 * /tmp/shots/<width>/ for people to look at. Starts its own server on a fresh demo network (build
 * dist/web first), or uses a running one:
 *
 *   node --import tsx test/browser/screenshot.ts
 *   BASE_URL=http://localhost:3000 SHOTS_WIDTHS=768 node --import tsx test/browser/screenshot.ts
 *
 * It creates invitations (and accepts one) to show the invitation and first-visit screens. The
 * password-reset screen needs the link from the database, so only with its own server.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO, DEMO_PASSWORD, launchBrowser, signIn, startServer } from './helpers.js';
import type { RunningServer } from './helpers.js';

const OUT_ROOT = process.env.SHOTS_DIR ?? '/tmp/shots';
const WIDTHS = (process.env.SHOTS_WIDTHS ?? '768,390').split(',').map(Number);
let BASE_URL = (process.env.BASE_URL ?? '').replace(/\/$/, '');
let server: RunningServer | null = null;
let width = 768;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width, height: width < 600 ? 844 : 1024 },
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** The whole page, or only the screen around `around` (a long list need not be in every shot). */
async function shoot(page: Page, name: string, around?: Locator): Promise<void> {
  await page.waitForLoadState('networkidle');
  const path = join(OUT_ROOT, String(width), `${name}.png`);
  if (around) await around.scrollIntoViewIfNeeded();
  await page.screenshot({ path, fullPage: !around });
  process.stdout.write(`${path}\n`);
}

/**
 * As admin on the administration page: invites a new professional, shows the outbox, reads the
 * invitation link with the audited button (no mail server in the demo) and returns it.
 */
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
  await page.reload();
  const mail = page.locator('.mail').filter({ hasText: email });
  await mail.locator('summary').click();
  await shoot(page, '13-admin-outbox', mail);
  const reveal = mail.getByRole('button', { name: /^Lire le lien \(tracé\)/ });
  if ((await reveal.count()) === 0) return null;
  await reveal.click();
  const field = mail.getByLabel(/^Lien d'invitation à remettre/);
  await field.waitFor();
  await shoot(page, '20-admin-outbox-link-revealed', mail);
  // Open the link on the server under test even if the mail names another public address.
  return `${BASE_URL}${new URL(await field.inputValue()).pathname}`;
}

/** As a case manager on the home page: gives a followed person their account, step by step. */
async function givePersonAccount(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /^Donner son compte à / });
  // One person per width, other than Jeanne Roux (the demo patient account is hers).
  const labels = await Promise.all((await toggle.all()).map((b) => b.getAttribute('aria-label')));
  const names = labels
    .map((label) => (label ?? '').replace(/^Donner son compte à /, ''))
    .filter((name) => name !== 'Jeanne Roux');
  const name = names[WIDTHS.indexOf(width)];
  if (!name) return;
  await page.getByLabel('Rechercher une personne').fill(name);
  await toggle.first().click();
  const form = page.getByRole('form', { name: `Donner son compte à ${name}` });
  await shoot(page, '21-person-account-form', form);
  await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await form.getByText('Ce champ est obligatoire.').waitFor();
  await shoot(page, '22-person-account-errors', form);
  await form.getByLabel('Adresse e-mail').fill(`aidant-${width}-${Date.now()}@exemple.fr`);
  await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
  const sent = page.getByRole('status').filter({ hasText: 'Invitation envoyée' });
  await sent.waitFor();
  await shoot(page, '23-person-account-sent', sent);
  await toggle.first().click();
  await form.getByLabel('Adresse e-mail').fill(`autre-${width}-${Date.now()}@exemple.fr`);
  await form.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await form.getByRole('alert').waitFor();
  await shoot(page, '24-person-account-taken', form);
}

async function main(): Promise<void> {
  if (!BASE_URL) {
    server = await startServer();
    BASE_URL = server.baseUrl;
  }
  const browser = await launchBrowser();
  try {
    for (const each of WIDTHS) {
      width = each;
      await mkdir(join(OUT_ROOT, String(width)), { recursive: true });
      await shootAll(browser);
    }
  } finally {
    await browser.close();
    await server?.stop();
  }
}

async function shootAll(browser: Browser): Promise<void> {
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
  await givePersonAccount(page);
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
    // No screen shows a reset link: read where the mailer does, on a server of our own.
    if (server) {
      await page.goto(
        `${BASE_URL}${await server.linkMailedTo(email.user.email, '/password-reset/')}`,
      );
      await page.getByLabel('Nouveau mot de passe', { exact: true }).waitFor();
      await shoot(page, '19-reset-password');
    }
    await page.context().close();
  } else {
    process.stderr.write('no invitation link could be read: invitation screens skipped\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
