/**
 * The directory "Qui fait quoi" in a real browser: tolerant search with the reason of each match,
 * filters kept in the address, editing rights, editing with history, where a member works, the
 * map point of an organisation, "Ma fiche annuaire", a save refused over a newer version, and the
 * import wizard. The
 * entries used are created here through the API (test/browser/directory-fixtures.ts), so the
 * tests do not depend on the demo directory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FIXTURE, idOf, seedDirectory } from './directory-fixtures.js';
import type { AdminApi } from './directory-fixtures.js';
import {
  DEMO,
  getJson,
  launchBrowser,
  pageProblems,
  signIn,
  startServer,
  watchForPageProblems,
} from './helpers.js';
import type { RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;
let admin: AdminApi;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await seedDirectory(server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1024 } }),
  );
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await signIn(page, server.baseUrl, email);
  return { context, page };
}

/** Waits until the results shown are those of this address query string. */
async function resultsFor(page: Page, query: string) {
  await page.locator(`section[data-results-for="${query}"]`).waitFor();
}

/** Types words in the search box and submits, from wherever the page is in the directory. */
async function search(page: Page, words: string) {
  await page.getByLabel('Qui cherchez-vous ?').fill(words);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await resultsFor(page, new URLSearchParams({ q: words }).toString());
}

function card(page: Page, title: string) {
  return page
    .locator('.result-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

type Member = {
  firstName: string;
  lastName: string;
  version: number;
  goodToKnow: string | null;
  organisations: { id: string; name: string; roleTitle: string | null; canEditServices: boolean }[];
};

/** The directory profile of the person signed in on this page (from their session). */
async function ownMemberId(page: Page): Promise<string> {
  const session = await getJson<{ user: { memberId: string | null } }>(
    page,
    server.baseUrl,
    '/api/auth/session',
  );
  assert.ok(session.user.memberId, 'this demo login has a directory profile');
  return session.user.memberId;
}

async function memberOf(id: string): Promise<Member> {
  const response = await admin.call('GET', `/api/directory/members/${id}`);
  assert.equal(response.status, 200);
  return (await response.json()) as Member;
}

/** Clicks "Enregistrer" and returns the PATCH the form sent and the status it got. */
async function saveForm(page: Page, path: string) {
  const sent = page.waitForResponse(
    (response) => response.url().endsWith(path) && response.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const response = await sent;
  return {
    status: response.status(),
    body: response.request().postDataJSON() as Record<string, unknown>,
  };
}

async function resultCount(page: Page): Promise<number> {
  // Wait for a finished count: while a search runs the line may be empty.
  const text = await page
    .locator('.results .count', { hasText: /^(\d|Aucun|Plus de)/ })
    .innerText();
  return text.startsWith('Aucun') ? 0 : Number.parseInt(text, 10);
}

describe('directory screens', () => {
  test('a partial word, a typo and a missing accent still find the entry, and the card says why', async () => {
    const { context, page } = await signedIn(DEMO.professional);
    try {
      await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Annuaire' }).waitFor();

      await search(page, 'kine girardin');
      const physio = card(page, FIXTURE.physio);
      await physio.waitFor();
      assert.match(
        await physio.locator('.match').innerText(),
        /Trouvé dans : .*profession « Masseur-kinésithérapeute »/,
      );
      assert.match(await page.locator('.results .count').innerText(), /^\d+ résultats?$/);

      await search(page, 'kinesiterapeute girardin');
      const corrected = card(page, FIXTURE.physio).locator('.match');
      await corrected.waitFor();
      assert.match(await corrected.innerText(), /« Masseur-kinésithérapeute » \(approchant\)/);

      await search(page, 'Saint-Etienne Val Fleuri');
      const msp = card(page, FIXTURE.msp);
      await msp.waitFor();
      assert.match(await msp.locator('.match').innerText(), /commune « Saint-Étienne-de-Valoux »/);

      // The search lives in the address: a reload shows the same results.
      await page.reload();
      await resultsFor(page, new URLSearchParams({ q: 'Saint-Etienne Val Fleuri' }).toString());
      await card(page, FIXTURE.msp).waitFor();
      assert.equal(
        await page.getByLabel('Qui cherchez-vous ?').inputValue(),
        'Saint-Etienne Val Fleuri',
      );

      await search(page, 'zzqxwv');
      await page.getByText('Aucune fiche ne correspond à « zzqxwv ».').waitFor();
      assert.equal(await page.locator('.results .count').innerText(), 'Aucun résultat');
    } finally {
      await context.close();
    }
  });

  test('filters narrow the results and stay in the address', async () => {
    const { context, page } = await signedIn(DEMO.coordinator);
    try {
      await page.goto(`${server.baseUrl}/directory`);
      await search(page, 'domicile');
      const everything = await resultCount(page);
      await card(page, FIXTURE.meals).waitFor();

      await page.getByText('Affiner la recherche').click();
      await page.getByLabel('Type de fiche').selectOption('service');
      await page.getByLabel('Accueille de nouvelles personnes').selectOption('no');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await resultsFor(page, 'q=domicile&type=service&accepting=no');
      const narrowed = await resultCount(page);
      assert.ok(narrowed > 0 && narrowed < everything, `${narrowed} < ${everything}`);
      await card(page, FIXTURE.rehab).waitFor();
      assert.equal(
        await card(page, FIXTURE.meals).count(),
        0,
        'a service accepting people is gone',
      );
      assert.equal(
        await page.locator('.result-card .tag-accepting-no').count(),
        await page.locator('.result-card').count(),
        'every result says it accepts nobody new',
      );

      await page.getByLabel('Filière').selectOption({ label: 'Handicap' });
      await page.getByLabel('Accueille de nouvelles personnes').selectOption('conditions');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await resultsFor(page, 'q=domicile&type=service&careStream=disability&accepting=conditions');
      await card(page, FIXTURE.nursing).waitFor();

      await page.goBack();
      await resultsFor(page, 'q=domicile&type=service&accepting=no');
      assert.equal(await page.getByLabel('Accueille de nouvelles personnes').inputValue(), 'no');
    } finally {
      await context.close();
    }
  });

  test("a professional sees no edit button on someone else's entry and the edit address refuses", async () => {
    const memberId = await idOf(admin, FIXTURE.physio);
    const { context, page } = await signedIn(DEMO.professional);
    try {
      await page.goto(`${server.baseUrl}/directory/members/${memberId}`);
      await page.getByRole('heading', { level: 1, name: FIXTURE.physio }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Comment joindre' }).waitFor();
      const call = page.getByRole('link', { name: 'Appeler le 06 12 34 56 78' });
      assert.equal(await call.getAttribute('href'), 'tel:0612345678');
      await page.getByText('Meilleur moment : entre 12 h et 14 h').waitFor();
      assert.match(
        await page.locator('.freshness-line').innerText(),
        /^Fiche vérifiée le .+ par .+\.$/,
      );
      await page.getByRole('link', { name: 'Historique' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Modifier' }).count(), 0);
      assert.equal(
        await page.getByRole('button', { name: "Confirmer que c'est à jour" }).count(),
        0,
      );

      await page.goto(`${server.baseUrl}/directory/members/${memberId}/edit`);
      await page.getByText('Vous ne pouvez pas modifier cette fiche').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Enregistrer' }).count(), 0);

      await page.goto(`${server.baseUrl}/directory/import`);
      await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
    } finally {
      await context.close();
    }
  });

  test('network staff edit an organisation, see the change, and find it in the history', async () => {
    const pharmacyId = await idOf(admin, FIXTURE.pharmacy);
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.goto(`${server.baseUrl}/directory/organisations/${pharmacyId}`);
      await page.getByRole('heading', { level: 1, name: FIXTURE.pharmacy }).waitFor();
      await page.getByRole('link', { name: 'Modifier' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modifier la structure' }).waitFor();

      // Inline checks before anything is sent.
      await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Saisissez une adresse e-mail complète').waitFor();
      await page.getByLabel('Adresse e-mail').fill('');

      await page.getByLabel("Horaires d'ouverture").fill('Lundi-samedi 8 h-20 h');
      await page.getByRole('button', { name: 'Ajouter un moyen de contact' }).click();
      await page.getByLabel('Type').last().selectOption('sms');
      await page.getByLabel('Numéro, adresse ou lieu').last().fill('06 11 22 33 44');
      const saved = page.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/directory/organisations/${pharmacyId}`) &&
          response.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      const body = (await saved).request().postDataJSON() as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ['channels', 'openingHours', 'version']);

      await page.getByText('Vos modifications sont enregistrées.').waitFor();
      await page.getByText('Lundi-samedi 8 h-20 h').waitFor();
      assert.equal(
        await page.getByRole('link', { name: 'SMS au 06 11 22 33 44' }).getAttribute('href'),
        'sms:0611223344',
      );

      await page.getByRole('link', { name: 'Historique' }).click();
      const latest = page.locator('.history-item').first();
      await latest.getByText('Modification').waitFor();
      await latest.getByText('par Claire Fontaine', { exact: false }).waitFor();
      const hours = latest.getByRole('row', { name: /Horaires d'ouverture/ });
      assert.match(await hours.innerText(), /Lundi-samedi 8 h 30-19 h 30\s+Lundi-samedi 8 h-20 h/);
      await latest.getByText('SMS : 06 11 22 33 44').waitFor();
    } finally {
      await context.close();
    }
  });

  test('network staff add a workplace to a member by typing its name, and both profiles show it', async () => {
    const nurseId = await idOf(admin, FIXTURE.nurse);
    const ssiadId = await idOf(admin, FIXTURE.ssiad);
    const ccasId = await idOf(admin, FIXTURE.ccas);
    const path = `/api/directory/members/${nurseId}`;
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.goto(`${server.baseUrl}/directory/members/${nurseId}/edit`);
      const workplaces = page.getByRole('region', { name: "Lieux d'exercice" });
      await workplaces.getByRole('group', { name: FIXTURE.ssiad }).waitFor();

      // A name typed but not chosen is flagged before anything is sent.
      const picker = workplaces.getByRole('combobox', { name: 'Ajouter une structure' });
      await picker.fill('ccas montferrand');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await workplaces
        .getByText('Choisissez la structure dans la liste, ou effacez ce texte.')
        .waitFor();
      assert.equal(await picker.getAttribute('aria-invalid'), 'true');

      // Keyboard only: arrow down to the suggestion, Enter, then type the role.
      await workplaces.getByText('1 structure proposée').waitFor();
      await picker.focus();
      await picker.press('ArrowDown');
      const option = workplaces.getByRole('option', { name: new RegExp(FIXTURE.ccas) });
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      await picker.press('Enter');
      const added = workplaces.getByRole('group', { name: FIXTURE.ccas });
      await added.waitFor();
      assert.equal(await picker.inputValue(), '');
      await page.keyboard.type('Infirmière de liaison');
      assert.equal(
        await added.getByLabel('Fonction dans la structure').inputValue(),
        'Infirmière de liaison',
      );
      await added.getByLabel('Peut ajouter et modifier les services de cette structure').check();

      const { status, body } = await saveForm(page, path);
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body).sort(), ['organisations', 'version']);
      assert.deepEqual(body.organisations, [
        { organisationId: ssiadId, roleTitle: 'Infirmière coordinatrice', canEditServices: false },
        { organisationId: ccasId, roleTitle: 'Infirmière de liaison', canEditServices: true },
      ]);

      await page.getByText('Vos modifications sont enregistrées.').waitFor();
      const shown = page.getByRole('region', { name: 'Où cette personne exerce' });
      await shown.getByText(/^Infirmière de liaison · Service social/).waitFor();
      await shown.getByText('Peut modifier les services').waitFor();
      const stored = await memberOf(nurseId);
      assert.deepEqual(
        stored.organisations.map((o) => [o.name, o.roleTitle, o.canEditServices]).sort(),
        [
          [FIXTURE.ccas, 'Infirmière de liaison', true],
          [FIXTURE.ssiad, 'Infirmière coordinatrice', false],
        ],
      );

      await shown.getByRole('link', { name: FIXTURE.ccas }).click();
      const team = page.getByRole('region', { name: 'Qui travaille ici' });
      await team.getByRole('link', { name: FIXTURE.nurse }).waitFor();
      await team.getByText(/Infirmière de liaison/).waitFor();
    } finally {
      await context.close();
    }
  });

  test('"Ma fiche annuaire" opens one\'s own entry, whose workplaces the member only reads', async () => {
    const { context, page } = await signedIn(DEMO.coordinator);
    try {
      const memberId = await ownMemberId(page);
      const own = await memberOf(memberId);
      assert.ok(own.organisations.length > 0, 'the demo coordinator works somewhere');

      const myEntry = page.getByRole('link', { name: 'Ma fiche annuaire' });
      await myEntry.click();
      await page
        .getByRole('heading', { level: 1, name: `${own.firstName} ${own.lastName}` })
        .waitFor();
      assert.equal(new URL(page.url()).pathname, `/directory/members/${memberId}`);
      await page.getByText('Votre fiche', { exact: true }).waitFor();
      assert.equal(await myEntry.getAttribute('aria-current'), 'page');
      assert.notEqual(
        await page
          .getByRole('link', { name: 'Annuaire', exact: true })
          .getAttribute('aria-current'),
        'page',
      );

      await page.getByRole('link', { name: 'Modifier' }).click();
      const workplaces = page.getByRole('region', { name: "Lieux d'exercice" });
      await workplaces
        .getByText("Ces structures sont renseignées par l'équipe du réseau.", { exact: false })
        .waitFor();
      for (const organisation of own.organisations) {
        await workplaces.getByText(organisation.name, { exact: true }).waitFor();
      }
      assert.equal(await workplaces.getByRole('combobox').count(), 0);
      assert.equal(await workplaces.getByRole('textbox').count(), 0);
      assert.equal(await workplaces.getByRole('button').count(), 0);

      // The rest of the entry is theirs to change, and the save leaves the workplaces alone.
      await page.getByLabel('Bon à savoir').fill('Joignable le matin, sauf le mercredi.');
      const { status, body } = await saveForm(page, `/api/directory/members/${memberId}`);
      assert.equal(status, 200);
      assert.deepEqual(Object.keys(body).sort(), ['goodToKnow', 'version']);
      await page.getByText('Vos modifications sont enregistrées.').waitFor();
      await page.getByText('Joignable le matin, sauf le mercredi.').waitFor();
    } finally {
      await context.close();
    }
  });

  test('a patient has no "Ma fiche annuaire" link', async () => {
    const { context, page } = await signedIn(DEMO.patient);
    try {
      await page.getByRole('link', { name: 'Mon compte' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Ma fiche annuaire' }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('network staff give an organisation a map point with a decimal comma and the profile links to OpenStreetMap', async () => {
    const mspId = await idOf(admin, FIXTURE.msp);
    const path = `/api/directory/organisations/${mspId}`;
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.goto(`${server.baseUrl}/directory/organisations/${mspId}/edit`);
      const place = page.getByRole('group', { name: 'Point sur la carte (facultatif)' });
      const latitude = place.getByLabel('Latitude');
      const longitude = place.getByLabel('Longitude');

      await latitude.fill('45,4397');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await place.getByText('Indiquez aussi la longitude, ou effacez la latitude.').waitFor();
      await longitude.fill('200');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await place.getByText('La longitude est comprise entre -180 et 180.').waitFor();
      assert.equal(await longitude.getAttribute('aria-invalid'), 'true');

      await longitude.fill('4,3872');
      const { status, body } = await saveForm(page, path);
      assert.equal(status, 200);
      assert.deepEqual(body, { latitude: 45.4397, longitude: 4.3872, version: body.version });

      await page.getByText('Vos modifications sont enregistrées.').waitFor();
      const map = page.getByRole('link', { name: 'Voir sur la carte (OpenStreetMap)' });
      assert.equal(
        await map.getAttribute('href'),
        'https://www.openstreetmap.org/?mlat=45.4397&mlon=4.3872#map=17/45.4397/4.3872',
      );
    } finally {
      await context.close();
    }
  });

  test('a save over a version someone else saved meanwhile is refused, keeps theirs and offers a reload', async () => {
    const { context, page } = await signedIn(DEMO.coordinator);
    try {
      const memberId = await ownMemberId(page);
      const path = `/api/directory/members/${memberId}`;
      await page.goto(`${server.baseUrl}/directory/members/${memberId}/edit`);
      const goodToKnow = page.getByLabel('Bon à savoir');
      await goodToKnow.waitFor();

      // Network staff change the same entry through the API while the form is open.
      const read = await memberOf(memberId);
      const theirs = "Absente le vendredi (mis à jour par l'équipe du réseau).";
      const meanwhile = await admin.call('PATCH', path, {
        version: read.version,
        goodToKnow: theirs,
      });
      assert.equal(meanwhile.status, 200);

      const mine = 'Ma modification, arrivée trop tard.';
      await goodToKnow.fill(mine);
      const { status, body } = await saveForm(page, path);
      assert.equal(status, 409);
      assert.equal(body.version, read.version);
      const conflict = page
        .getByRole('alert')
        .filter({ hasText: "Quelqu'un a modifié cette fiche entre-temps" });
      await conflict.waitFor();
      await conflict.getByText(/vos changements n'ont pas été enregistrés/).waitFor();

      const stored = await memberOf(memberId);
      assert.equal(stored.goodToKnow, theirs);
      assert.equal(stored.version, read.version + 1);
      assert.equal(await goodToKnow.inputValue(), mine, 'what was typed is still on screen');

      await conflict.getByRole('button', { name: 'Recharger la fiche' }).click();
      // The form starts again from the version read now: theirs, with no alert.
      await conflict.waitFor({ state: 'detached' });
      assert.equal(await goodToKnow.inputValue(), theirs);
    } finally {
      await context.close();
    }
  });

  test('the import lists each rejected row and why, and imports only a clean file', async () => {
    const { context, page } = await signedIn(DEMO.admin);
    try {
      await page.getByRole('link', { name: 'Annuaire', exact: true }).click();
      await page.getByRole('link', { name: 'Importer / exporter' }).click();
      await page
        .getByRole('heading', { level: 1, name: "Importer et exporter l'annuaire" })
        .waitFor();
      await page.getByLabel('structures').check();
      const content = page.getByLabel('Contenu du fichier');
      const commit = page.getByRole('button', { name: 'Importer', exact: true });

      await content.fill(
        'name,type,commune\nCentre Alpha des Essais,msp,Lavergne\nCentre Bêta des Essais,fusée,Lavergne\n',
      );
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByRole('heading', { level: 2, name: 'Résultat de la vérification' }).waitFor();
      await page.getByText('1 ligne refusée').waitFor();
      const rejected = page.getByRole('table', { name: 'Lignes refusées et raisons' });
      const row = rejected.locator('tbody tr').first();
      assert.match(await row.innerText(), /^3\s+type\s+\S+/);
      assert.ok(await commit.isDisabled(), 'nothing can be imported while a row is rejected');

      await content.fill(
        'name,type,commune\nCentre Alpha des Essais,msp,Lavergne\nCentre Gamma des Essais,pharmacy,Lavergne\n',
      );
      assert.ok(await commit.isDisabled(), 'a changed file must be checked again');
      await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
      await page.getByText('Prêt : 2 fiches seront créées.').waitFor();
      await commit.click();
      await page.getByText('2 fiches créées (structures).').waitFor();

      await page.getByRole('link', { name: "Les retrouver dans l'annuaire" }).click();
      await search(page, 'centre gamma essais');
      await card(page, 'Centre Gamma des Essais').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the example search "infirmière Lavergne" finds a nursing practice of Lavergne and its nurse', async () => {
    // A nursing practice written in the masculine ("Cabinet infirmier"), of no particular type,
    // and a nurse who works there: found by the feminine, with the commune of the workplace.
    const practice = await admin.call('POST', '/api/directory/organisations', {
      name: 'Cabinet infirmier des Halles',
      type: 'other',
      commune: 'Lavergne',
      channels: [{ kind: 'phone', value: '04 77 00 10 60', preferred: true }],
    });
    assert.equal(practice.status, 201, await practice.clone().text());
    const { id: practiceId } = (await practice.json()) as { id: string };
    const nurse = await admin.call('POST', '/api/directory/members', {
      firstName: 'Maëlle',
      lastName: 'N’Diaye',
      profession: 'nurse',
      languages: ['fr'],
      channels: [],
      organisations: [
        { organisationId: practiceId, roleTitle: 'Infirmier libéral', canEditServices: false },
      ],
    });
    assert.equal(nurse.status, 201, await nurse.clone().text());

    const { context, page } = await signedIn(DEMO.professional);
    try {
      await page.goto(`${server.baseUrl}/directory`);
      await page.getByRole('link', { name: 'infirmière Lavergne', exact: true }).click();
      await resultsFor(page, new URLSearchParams({ q: 'infirmière Lavergne' }).toString());
      await card(page, 'Cabinet infirmier des Halles').waitFor();
      await card(page, 'Maëlle N’Diaye').waitFor();

      // The same people by a short form and by the name typed without its apostrophe.
      await search(page, 'IDE Lavergne');
      await card(page, 'Cabinet infirmier des Halles').waitFor();
      await search(page, 'Ndiaye');
      await card(page, 'Maëlle N’Diaye').waitFor();
    } finally {
      await context.close();
    }
  });

  test('no page broke the content security policy or threw an error', () => {
    assert.deepEqual(pageProblems, []);
  });
});
