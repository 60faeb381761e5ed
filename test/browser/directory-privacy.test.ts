/**
 * Who sees which way of reaching a professional (decision 034), and why a result matched, in a
 * real browser: a patient sees no network-only channel on the result card or the profile, and
 * finds nothing by a hidden number; a network member sees it, tagged; the reasons of a match
 * name the field in the reader's language with the words found marked, never the index's hidden
 * keywords; organisation names stay as they are in English; example searches are in the reader's
 * language. axe on every screen, in French and English, at 390 and 1280 px.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { adminApi } from './directory-fixtures.js';
import { browserSuite, DEMO } from './helpers.js';

const suite = browserSuite();
const GP = {
  firstName: 'Paulin',
  lastName: 'Fabrègue',
  phone: '06 11 22 33 44',
  rpps: '10101010101',
  secure: 'p.fabregue@medecin.mssante.fr',
};
const WIDTHS = [390, 1280] as const;
let gpId = '';

/** The GP of these tests, created once through the API (read inside a test: the server is up). */
async function ensureGp(): Promise<void> {
  if (gpId) return;
  const admin = await adminApi(suite.server.baseUrl);
  const created = await admin.call('POST', '/api/directory/members', {
    firstName: GP.firstName,
    lastName: GP.lastName,
    profession: 'general_practitioner',
    rpps: GP.rpps,
    phone: GP.phone,
    channels: [{ kind: 'secure_messaging', value: GP.secure, visibility: 'public' }],
  });
  assert.equal(created.status, 201, await created.clone().text());
  gpId = ((await created.json()) as { id: string }).id;
}

/** A signed-in page of this width, in this language (stored on the account: put back after). */
async function pageAs(email: string, width: number, language: 'fr' | 'en'): Promise<Page> {
  await ensureGp();
  const page = await suite.signedInPage(email, width); // signs in through the form once a person
  if (language === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction("document.documentElement.lang === 'en'");
  }
  return page;
}

async function backToFrench(page: Page) {
  if ((await page.locator('html').getAttribute('lang')) === 'en')
    await page.getByRole('button', { name: 'Français' }).click();
  await page.context().close();
}

/** Opens a search by its address and waits for its results. */
async function searchFor(page: Page, q: string) {
  const query = new URLSearchParams({ q }).toString();
  await page.goto(`${suite.server.baseUrl}/directory?${query}`);
  await page.locator(`section[data-results-for="${query}"]`).waitFor();
}

async function noViolations(page: Page) {
  assert.deepEqual(await suite.axe(page), []);
}

describe('directory channel privacy and match reasons (decision 034)', () => {
  test('a patient sees no network-only channel and finds nothing by a hidden number', async () => {
    for (const width of WIDTHS) {
      for (const language of ['fr', 'en'] as const) {
        const page = await pageAs(DEMO.patient, width, language);
        try {
          await searchFor(page, GP.lastName);
          const results = await page.locator('.results').innerText();
          assert.match(results, /Paulin Fabrègue/);
          assert.doesNotMatch(results, /06 11|10101010101/);
          await noViolations(page);

          await page.goto(`${suite.server.baseUrl}/directory/members/${gpId}`);
          await page.getByRole('heading', { level: 1, name: 'Paulin Fabrègue' }).waitFor();
          await page.locator('.contact').waitFor();
          const body = await page.locator('main').innerText();
          assert.match(body, /p\.fabregue@medecin\.mssante\.fr/);
          assert.doesNotMatch(body, /06 11 22 33 44|10101010101/);
          await noViolations(page);

          await searchFor(page, '0611223344');
          assert.equal(await page.locator('.result-card').count(), 0);
        } finally {
          await backToFrench(page);
        }
      }
    }
  });

  test('a network member sees the number, tagged as not for the people supported', async () => {
    for (const width of WIDTHS) {
      const page = await pageAs(DEMO.professional, width, 'fr');
      try {
        await page.goto(`${suite.server.baseUrl}/directory/members/${gpId}`);
        const phone = page.locator('.channel', { hasText: GP.phone });
        await phone.waitFor();
        assert.match(await phone.innerText(), /Visible par : réseau/);
        assert.match(await page.locator('main').innerText(), /10101010101/);
        await noViolations(page);

        await searchFor(page, '0611223344');
        const reason = page.locator('.result-card .match').first();
        assert.match(await reason.innerText(), /Trouvé dans : téléphone « 06 11 22 33 44 »/);
        assert.equal(await reason.locator('mark').innerText(), GP.phone);
      } finally {
        await backToFrench(page);
      }
    }
  });

  test('the reasons of a match are in the reader’s words, names never translated', async () => {
    for (const width of WIDTHS) {
      const french = await pageAs(DEMO.professional, width, 'fr');
      try {
        await searchFor(french, 'kine');
        const reason = french.locator('.result-member .match').first();
        assert.match(
          await reason.innerText(),
          /Trouvé dans : .*profession « Masseur-kinésithérapeute »/,
        );
        assert.doesNotMatch(
          await french.locator('.results').innerText(),
          /mots-clés|Physiotherapist/,
        );
        await french.goto(`${suite.server.baseUrl}/directory`);
        await french.getByRole('link', { name: 'infirmière Lavergne' }).waitFor();
        await noViolations(french);
      } finally {
        await backToFrench(french);
      }

      const english = await pageAs(DEMO.professional, width, 'en');
      try {
        await searchFor(english, 'physio');
        const reason = english.locator('.result-member .match').first();
        assert.match(await reason.innerText(), /Found in: profession “Physiotherapist”/);
        await noViolations(english);

        await searchFor(english, 'Clinique du Parc');
        const results = await english.locator('.results').innerText();
        assert.doesNotMatch(results, /Clinic du Parc|«|»|keywords/);
        assert.match(results, /Clinique du Parc/);

        await english.goto(`${suite.server.baseUrl}/directory`);
        await english.getByRole('link', { name: 'nurse Lavergne' }).waitFor();
        assert.equal(await english.getByRole('link', { name: 'kiné' }).count(), 0);
        await noViolations(english);
      } finally {
        await backToFrench(english);
      }
    }
  });

  test('the edit form asks who sees each channel (axe in both languages)', async () => {
    for (const width of WIDTHS) {
      for (const language of ['fr', 'en'] as const) {
        const page = await pageAs(DEMO.admin, width, language);
        try {
          await page.goto(`${suite.server.baseUrl}/directory/members/${gpId}/edit`);
          const label = language === 'fr' ? 'Téléphone visible par' : 'Phone visible to';
          const select = page.getByLabel(label);
          await select.waitFor();
          assert.equal(await select.inputValue(), 'network');
          assert.equal(
            await page.locator('select[name="channels.0.visibility"]').inputValue(),
            'public',
          );
          await noViolations(page);
        } finally {
          await backToFrench(page);
        }
      }
    }
  });
});
