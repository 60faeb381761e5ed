/**
 * Critical journeys through the web app in a real browser, against a real server on a fresh
 * demo database. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { URI } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO,
  DEMO_PASSWORD,
  getJson,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
} from './helpers.js';
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
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1024 } }),
  );
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
      const name = new RegExp(
        `^${escapeRegExp(first.lastName)} ${escapeRegExp(first.firstName)}$`,
        'i',
      );
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

      // The choice is also stored on the account; put French back for the other journeys.
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 2, name: 'Personnes suivies' }).waitFor();
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
        (response) =>
          response.url().endsWith('/api/auth/login') && response.request().method() === 'POST',
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
      await signIn(page, server.baseUrl, DEMO.professional);
      await page.getByRole('link', { name: 'Mon compte' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
      await page.goto(`${server.baseUrl}/admin`);
      await page.waitForURL(`${server.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Administration' }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('an unknown invitation link tells the person to ask for a new invitation', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.baseUrl}/invitation/${'x'.repeat(43)}`);
      await page.getByText('Invitation introuvable').waitFor();
      await page.getByText(/nouvelle invitation/).waitFor();
    } finally {
      await context.close();
    }
  });

  test('an invited person chooses a password, turns on two-factor and signs in with a code', async () => {
    const admin = await freshPage();
    let invitationPath: string;
    const email = `infirmiere-${Date.now()}@exemple.fr`;
    try {
      await signIn(admin.page, server.baseUrl, DEMO.admin);
      await admin.page.getByRole('link', { name: 'Administration' }).click();
      await admin.page.getByLabel('Nom et prénom').fill('Inès Garnier');
      await admin.page.getByLabel('Adresse e-mail').fill(email);
      await admin.page.getByRole('button', { name: "Envoyer l'invitation" }).click();
      await admin.page.getByRole('status').filter({ hasText: email }).waitFor();
      // The mail shows no link, only its state; without a mail server the admin may read it to
      // hand it over (audited), through the button the server allows for this open invitation.
      const mail = admin.page.locator('.mail').filter({ hasText: email });
      await mail.getByText('Lien à usage unique').waitFor();
      await mail.getByText('invitation — valable, pas encore utilisé').waitFor();
      await mail.getByText('Lire le message').click();
      assert.equal(await mail.getByRole('link').count(), 0, 'the mail body carries no link');
      await mail.getByText('[…]').waitFor();
      await mail.getByRole('button', { name: /^Lire le lien \(tracé\)/ }).click();
      const field = mail.getByLabel(`Lien d'invitation à remettre à ${email}`);
      const href = await field.inputValue();
      assert.ok(href.includes('/invitation/'), `invitation link revealed: ${href}`);
      // selected, ready to copy
      assert.equal(
        await field.evaluate((input) => {
          const el = input as unknown as { selectionStart: number; selectionEnd: number };
          return el.selectionEnd - el.selectionStart;
        }),
        href.length,
      );
      invitationPath = new URL(href).pathname;
    } finally {
      await admin.context.close();
    }

    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.baseUrl}${invitationPath}`);
      await page.getByText(email).waitFor();
      await page.getByText('Professionnel·le de santé').waitFor();
      const password = 'une phrase assez longue';
      await page.getByLabel('Mot de passe', { exact: true }).fill('trop court');
      await page.getByLabel('Confirmez le mot de passe').fill('trop court');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByText(/au moins 12 caractères \(10 pour/).waitFor();
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByLabel('Confirmez le mot de passe').fill(password);
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bonjour Inès Garnier' }).waitFor();

      await page.getByRole('link', { name: 'Mon compte' }).click();
      // a second factor is only set up after the password is given again
      await page.getByRole('button', { name: 'Activer' }).click();
      await page.getByText('Ce champ est obligatoire.').first().waitFor();
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Activer' }).click();
      const url = await page
        .getByRole('link', { name: 'Ajouter Maillon à mon application' })
        .getAttribute('href');
      const totp = URI.parse(url ?? '');
      const qr = page.getByRole('img', { name: /Code QR à scanner/ });
      await qr.waitFor();
      // drawn, square and big enough for a phone camera
      const drawn = await qr.evaluate((img) => {
        const image = img as unknown as { naturalWidth: number; width: number };
        return [image.naturalWidth, image.width];
      });
      assert.ok(drawn[0]! > 0 && drawn[1]! >= 160, `QR code drawn at ${drawn.join('/')} px`);
      await page.getByLabel('Code à 6 chiffres').fill(totp.generate());
      await page.getByRole('button', { name: "Confirmer l'activation" }).click();
      await page.getByText('La double authentification est activée.', { exact: true }).waitFor();

      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Code de vérification' }).waitFor();
      await page.getByLabel('Code à 6 chiffres').fill('000000');
      await page.getByRole('button', { name: 'Valider le code' }).click();
      await page.getByRole('alert').waitFor();
      // The next period's code, accepted by the server's window and never used before.
      await page
        .getByLabel('Code à 6 chiffres')
        .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: 'Valider le code' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bonjour Inès Garnier' }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('a role that must use two-factor is sent to its account page until it is on', async () => {
    const admin = await freshPage();
    const { context, page } = await freshPage();
    try {
      await signIn(admin.page, server.baseUrl, DEMO.admin);
      await admin.page.getByRole('link', { name: 'Administration' }).click();
      const social = admin.page.getByLabel("Professionnel·le du social ou de l'aide à domicile");
      await social.check();
      const settings = admin.page.locator('form').filter({ has: social });
      await settings.getByRole('button', { name: 'Enregistrer' }).click();
      await settings.getByText('Les réglages sont enregistrés.').waitFor();

      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel('Adresse e-mail').fill(DEMO.social);
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      await page.getByText('Une étape de plus pour protéger les données').waitFor();
      await page.goto(`${server.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      assert.match(page.url(), /\/account$/);
      assert.equal(await page.getByRole('link', { name: 'Accueil' }).count(), 0);
    } finally {
      await admin.page.getByLabel("Professionnel·le du social ou de l'aide à domicile").uncheck();
      await admin.page.getByRole('button', { name: 'Enregistrer' }).last().click();
      await admin.page.getByText('Les réglages sont enregistrés.').waitFor();
      await context.close();
      await admin.context.close();
    }
  });

  test('someone who forgot their password gets a link by mail and chooses a new one', async () => {
    const email = `kine-${Date.now()}@exemple.fr`;
    const admin = await freshPage();
    try {
      // An account of its own (the demo logins stay as they are for the other journeys).
      await signIn(admin.page, server.baseUrl, DEMO.admin);
      const { csrfToken } = await getJson<{ csrfToken: string }>(
        admin.page,
        server.baseUrl,
        '/api/auth/session',
      );
      const invited = await admin.page.request.post(`${server.baseUrl}/api/admin/invitations`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { email, displayName: 'Yann Le Goff', role: 'professional' },
      });
      assert.equal(invited.status(), 201);
      const invitation = await revealedInvitation(admin.page, csrfToken, email);
      // accepted outside the browser: its session cookie must not land in the admin's context
      const accepted = await fetch(
        `${server.baseUrl}/api/invitations/${invitation.split('/').pop()}/accept`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ password: 'mot de passe oublié depuis' }),
        },
      );
      assert.equal(accepted.status, 200);

      const { context, page } = await freshPage();
      try {
        await page.goto(`${server.baseUrl}/login`);
        await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
        await page.getByLabel('Adresse e-mail').fill(email);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.getByText('Regardez vos e-mails').waitFor();

        // The admin's outbox tells the reset link's state, never the link, and offers no reveal.
        await admin.page.getByRole('link', { name: 'Administration' }).click();
        const mail = admin.page
          .locator('.mail')
          .filter({ hasText: email })
          .filter({ hasText: 'nouveau mot de passe — valable, pas encore utilisé' });
        await mail.getByText(/n'est jamais affiché/).waitFor();
        assert.equal(await mail.getByRole('button', { name: /Lire le lien/ }).count(), 0);

        // So the test reads it where only the mailer does: the database (outbox.link).
        await page.goto(`${server.baseUrl}${await server.linkMailedTo(email, '/password-reset/')}`);
        await page.getByText(/Yann Le Goff, choisissez votre nouveau mot de passe/).waitFor();
        const fresh = 'un tout nouveau mot de passe';
        await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(fresh);
        await page.getByLabel('Confirmez le nouveau mot de passe').fill(fresh);
        await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
        await page.getByText('Mot de passe changé').waitFor();
        await page.getByRole('link', { name: 'Aller à la page de connexion' }).click();
        await signIn(page, server.baseUrl, email, fresh);
      } finally {
        await context.close();
      }
    } finally {
      await admin.context.close();
    }
  });

  test('an admin disables an account after confirming, and enables it again', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, server.baseUrl, DEMO.admin);
      const { csrfToken } = await getJson<{ csrfToken: string }>(
        page,
        server.baseUrl,
        '/api/auth/session',
      );
      const email = `depart-${Date.now()}@exemple.fr`;
      const invited = await page.request.post(`${server.baseUrl}/api/admin/invitations`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { email, displayName: 'Agathe Départ', role: 'professional' },
      });
      assert.equal(invited.status(), 201);
      await page.getByRole('link', { name: 'Administration' }).click();
      // among many accounts: typed without the accent, found with it
      await page.getByLabel('Filtrer les comptes').fill('agathe depart');
      await page.getByText(/^1 compte affiché sur \d+$/).waitFor();
      const row = page.getByRole('row').filter({ hasText: email });
      await row.getByRole('button', { name: 'Actions pour Agathe Départ' }).click();
      await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
      await page.getByText('Agathe Départ ne pourra plus se connecter').waitFor();
      await page.getByRole('button', { name: 'Confirmer : désactiver Agathe Départ' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Compte désactivé : Agathe Départ.' })
        .waitFor();
      await row.getByText('Désactivé', { exact: true }).waitFor();

      await row.getByRole('button', { name: 'Actions pour Agathe Départ' }).click();
      await page.getByRole('button', { name: 'Réactiver' }).click();
      await row.getByText('En attente', { exact: true }).waitFor();

      // and the log of all this is intact
      await page.getByRole('button', { name: 'Vérifier maintenant' }).click();
      await page.getByText('Chaîne intacte').waitFor();
      await page.getByText(/lignes vérifiées le .*aucune modification/).waitFor();
    } finally {
      await context.close();
    }
  });

  test('no page broke the content security policy or threw an error', () => {
    assert.deepEqual(pageProblems, []);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The path of the invitation link mailed to this address, read by an admin (audited reveal). */
async function revealedInvitation(adminPage: Page, csrfToken: string, email: string) {
  const { items } = await getJson<{
    items: { id: string; toAddress: string; oneTimeLink: { purpose: string } | null }[];
  }>(adminPage, server.baseUrl, '/api/admin/outbox');
  const mail = items.find((m) => m.toAddress === email && m.oneTimeLink?.purpose === 'invitation');
  assert.ok(mail, `an invitation went to ${email}`);
  const response = await adminPage.request.post(
    `${server.baseUrl}/api/admin/outbox/${mail.id}/link`,
    { headers: { 'x-csrf-token': csrfToken } },
  );
  assert.equal(response.status(), 200);
  const { link } = (await response.json()) as { link: string };
  return new URL(link).pathname;
}
