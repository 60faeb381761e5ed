/**
 * Issue 17, "who accepts new people", "contacts at a glance" and "phones and tables", in a real
 * browser (decision 033): the accepting filter finds individuals, result cards carry the preferred
 * channel as a tap link, a service page shows how to reach it on the first screen of a phone, no
 * table is cut at 390 px without a cue, and axe finds nothing on these screens in French and
 * English at 390 and 768 px.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FIXTURE, idOf, seedDirectory } from './directory-fixtures.js';
import type { AdminApi } from './directory-fixtures.js';
import { browserSuite, DEMO, pageProblems } from './helpers.js';

const suite = browserSuite();
let admin: AdminApi;
let nurseId: string;
let socialWorkerId: string;
let mealsId: string;

/** Signed in through the form once per person, then with that session (browserSuite). */
const signedIn = (email: string, width: number): Promise<Page> =>
  suite.signedInPage(email, width, 844);

function card(page: Page, title: string) {
  return page
    .locator('.result-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

type TTableCheck = { wrapped: boolean; fits: boolean; cue: boolean; name: string };

/** Every table of the page: inside the shared frame, and either fitting or with a visible cue. */
async function tablesOf(
  page: Page,
  required: boolean,
): Promise<{ tables: TTableCheck[]; pageFits: boolean }> {
  if (required) await page.locator('main table').first().waitFor();
  else await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  // The frame measures itself after the layout settles.
  await page.waitForTimeout(200);
  return page.evaluate<{ tables: TTableCheck[]; pageFits: boolean }>(`(() => {
    const tables = [...document.querySelectorAll('main table')].map((table) => {
      const wrap = table.closest('.table-wrap');
      const cue = table.closest('.table-scroll')?.querySelector('.table-scroll-cue');
      return {
        name: (wrap && wrap.getAttribute('aria-label')) || table.className || 'table',
        wrapped: Boolean(wrap && wrap.closest('.table-scroll')),
        fits: wrap ? wrap.scrollWidth <= wrap.clientWidth + 1 : false,
        cue: Boolean(cue && cue.getBoundingClientRect().height > 0),
      };
    });
    return { tables, pageFits: document.documentElement.scrollWidth <= window.innerWidth };
  })()`);
}

describe('who accepts new people, contacts at a glance, phones and tables', () => {
  // Inside the suite: the server of browserSuite() starts in a root hook, before this one.
  before(async () => {
    admin = await seedDirectory(suite.server.baseUrl);
    nurseId = await idOf(admin, FIXTURE.nurse);
    socialWorkerId = await idOf(admin, FIXTURE.socialWorker);
    mealsId = await idOf(admin, FIXTURE.meals);
    for (const [id, accepting] of [
      [nurseId, 'yes'],
      [socialWorkerId, 'conditions'],
    ] as const) {
      const response = await admin.call('PUT', `/api/directory/members/${id}/accepting`, {
        accepting,
        conditions: accepting === 'conditions' ? 'Montferrand seulement' : null,
      });
      assert.equal(response.status, 200, await response.text());
    }
  });

  test('the accepting filter returns individuals, worded for what they are', async () => {
    const page = await signedIn(DEMO.professional, 390);
    try {
      await page.goto(`${suite.server.baseUrl}/directory`);
      await page.getByText('Affiner la recherche').click();
      await page.getByLabel('Type de fiche').selectOption('member');
      await page.getByLabel('Accueille de nouvelles personnes').selectOption('yes');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.locator('section[data-results-for="type=member&accepting=yes"]').waitFor();
      const nurse = card(page, FIXTURE.nurse);
      await nurse.waitFor();
      assert.equal(
        await nurse.locator('.tag-accepting-yes').innerText(),
        'Accepte de nouveaux patients',
      );
      assert.equal(await card(page, FIXTURE.socialWorker).count(), 0, 'under conditions: not yes');

      await page.getByLabel('Accueille de nouvelles personnes').selectOption('conditions');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.locator('section[data-results-for="type=member&accepting=conditions"]').waitFor();
      assert.equal(
        await card(page, FIXTURE.socialWorker).locator('.tag-accepting-conditions').innerText(),
        'Nouveaux bénéficiaires sous conditions',
      );

      // The member's page says it, with when and by whom it was confirmed.
      await page.goto(`${suite.server.baseUrl}/directory/members/${nurseId}`);
      const section = page.locator('section.accepting');
      await section.getByText(/^Confirmé le .* par /).waitFor();
      assert.equal(await section.getByRole('button').count(), 0, "not this reader's to change");
    } finally {
      await page.context().close();
    }
    assert.deepEqual(pageProblems, []);
  });

  test('a member says it from their own page, and it reads confirmed today', async () => {
    const page = await signedIn(DEMO.professional, 768);
    try {
      const session = (await (
        await page.request.get(`${suite.server.baseUrl}/api/auth/session`)
      ).json()) as { user: { memberId: string } };
      await page.goto(`${suite.server.baseUrl}/directory/members/${session.user.memberId}`);
      const section = page.locator('section.accepting');
      await section.getByText('Pas encore indiqué.').waitFor();
      await section.getByLabel('Statut').selectOption('yes');
      await section.getByRole('button', { name: 'Enregistrer et confirmer' }).click();
      await section.getByText("Statut enregistré et confirmé aujourd'hui.").waitFor();
      await section.getByText(/^Confirmé le /).waitFor();
      await section
        .getByRole('button', { name: "Confirmer : toujours vrai aujourd'hui" })
        .waitFor();
      // the history says the change in words, not in the database's field names
      await page.goto(`${suite.server.baseUrl}/directory/members/${session.user.memberId}/history`);
      const change = page.getByRole('row', { name: /Nouveaux patients/ }).first();
      await change.getByText('Accepte de nouvelles personnes').waitFor();
      await page
        .getByRole('row', { name: /Statut d'accueil confirmé le/ })
        .first()
        .waitFor();
      const text = await page.locator('main').innerText();
      assert.doesNotMatch(text, /accepting|Visibility|ConfirmedAt|\byes\b/);
    } finally {
      await page.context().close();
    }
    assert.deepEqual(pageProblems, []);
  });

  test('result cards carry the preferred channel as a tap link, and nothing empty', async () => {
    const page = await signedIn(DEMO.coordinator, 390);
    try {
      await page.goto(`${suite.server.baseUrl}/directory?q=Girardin`);
      const physio = card(page, FIXTURE.physio);
      await physio.waitFor();
      const call = physio.locator('.card-contact a[href^="tel:"]');
      assert.equal(await call.getAttribute('href'), 'tel:0612345678');
      assert.equal(await call.innerText(), 'Appeler le 06 12 34 56 78');
      assert.equal(
        await physio.locator('.card-contact a[href^="sms:"]').getAttribute('href'),
        'sms:0612345678',
      );
      assert.equal(
        await physio.locator('.card-contact .channel-times').innerText(),
        'Meilleur moment : entre 12 h et 14 h',
      );

      await page.goto(`${suite.server.baseUrl}/directory?q=Benali`);
      // The demo network has a Nadia Benali too: the one of the test directory works in Montferrand.
      const social = card(page, FIXTURE.socialWorker).filter({ hasText: 'Montferrand' });
      await social.waitFor();
      assert.equal(
        await social.locator('.card-contact a[href^="mailto:"]').getAttribute('href'),
        'mailto:nadia.benali@montaigu.example',
      );

      await page.goto(`${suite.server.baseUrl}/directory?q=domicile`);
      await page.locator('.result-card').first().waitFor();
      const hrefs: string[] = [];
      for (const link of await page.locator('.result-card .card-contact a').all())
        hrefs.push((await link.getAttribute('href')) ?? '');
      assert.ok(hrefs.length > 0);
      for (const href of hrefs) assert.match(href, /^(tel|sms|mailto):.+/, href);
    } finally {
      await page.context().close();
    }
    assert.deepEqual(pageProblems, []);
  });

  test('on a phone the header is compact and "Comment joindre" is on the first screen', async () => {
    const page = await signedIn(DEMO.coordinator, 390);
    try {
      await page.goto(`${suite.server.baseUrl}/directory/services/${mealsId}`);
      const contact = page.getByRole('heading', { level: 2, name: 'Comment joindre' });
      await contact.waitFor();
      const box = await contact.boundingBox();
      assert.ok(box && box.y + box.height < 844, `"Comment joindre" at ${box?.y} px`);
      const navBox = await page.locator('.main-nav').boundingBox();
      assert.ok(navBox && navBox.y + navBox.height < 844 / 6, `header ends at ${navBox?.y} px`);
    } finally {
      await page.context().close();
    }
  });

  test('at 390 px no table is cut without a cue', async () => {
    const found: string[] = [];
    const check = async (page: Page, path: string, required = true) => {
      await page.goto(`${suite.server.baseUrl}${path}`);
      const { tables, pageFits } = await tablesOf(page, required);
      if (!pageFits) found.push(`${path}: the page is wider than the screen`);
      for (const table of tables) {
        if (!table.wrapped) found.push(`${path}: ${table.name} outside the shared frame`);
        else if (!table.fits && !table.cue) found.push(`${path}: ${table.name} cut with no cue`);
      }
      return tables;
    };
    const staff = await signedIn(DEMO.admin, 390);
    try {
      const accounts = await check(staff, '/admin');
      assert.ok(
        accounts.some((t) => !t.fits && t.cue),
        'the accounts table scrolls, with a cue',
      );
      await check(staff, `/directory/members/${nurseId}/history`);
      await check(staff, '/account');
    } finally {
      await staff.context().close();
    }
    const coordinator = await signedIn(DEMO.coordinator, 390);
    try {
      await check(coordinator, '/');
      await check(coordinator, '/file-active');
      await coordinator.goto(`${suite.server.baseUrl}/`);
      const person = coordinator.locator('main table a[href^="/persons/"]').first();
      const href = await person.getAttribute('href');
      assert.ok(href);
      // The person's plan: its versions, when it has some.
      await check(coordinator, `${href}/plan`, false);
    } finally {
      await coordinator.context().close();
    }
    assert.deepEqual(found, []);
  });

  test('axe: no violation on these screens, in French and English, at 390 and 768 px', async () => {
    const found: string[] = [];
    for (const width of [390, 768]) {
      const page = await signedIn(DEMO.admin, width);
      try {
        for (const language of ['Français', 'English']) {
          if (language === 'English') {
            await page.getByRole('button', { name: 'English' }).click();
            await page.locator('html[lang="en"]').waitFor();
          }
          for (const path of [
            '/directory?q=domicile',
            '/directory?accepting=yes&type=member',
            `/directory/services/${mealsId}`,
            `/directory/members/${nurseId}`,
            '/admin',
            '/',
          ]) {
            await page.goto(`${suite.server.baseUrl}${path}`);
            await page.locator('main h1').first().waitFor();
            if (path.startsWith('/directory?'))
              await page.locator('.result-card').first().waitFor();
            found.push(...(await suite.axe(page)).map((v) => `${width} ${language} ${v}`));
          }
        }
        // French again for the other journeys (the choice is kept on the account).
        await page.getByRole('button', { name: 'Français' }).click();
        await page.locator('html[lang="fr"]').waitFor();
      } finally {
        await page.context().close();
      }
    }
    assert.deepEqual(found, []);
  });
});
