/**
 * The shared combobox (web/src/components/Combobox.tsx) through a real screen, the directory's
 * "Lieux d'exercice" of a member, at phone width: the keys of the ARIA 1.2 pattern (↓ ↑ Home End
 * Enter Escape), an organisation already listed passed over, Enter never sending the form, a
 * request for words since changed aborted, and a failed search tried again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { adminApi, type AdminApi } from './directory-fixtures.js';
import { browserSuite, DEMO, pageProblems, signIn } from './helpers.js';

const SHOTS = '/tmp/shots/combobox';
const suite = browserSuite({ shots: SHOTS });
const WORD = 'Quillebeuf';
const NAMES = [`Accueil de jour ${WORD}`, `Centre social ${WORD}`, `Foyer logement ${WORD}`];

async function created(admin: AdminApi, path: string, body: unknown): Promise<string> {
  const response = await admin.call('POST', path, body);
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { id: string }).id;
}

/** The id of the option the combobox points at, or null (the focus is in the text). */
const activeOf = (picker: Locator) => picker.getAttribute('aria-activedescendant');

async function openEditor(page: Page, memberId: string) {
  await signIn(page, suite.server.baseUrl, DEMO.admin);
  await page.goto(`${suite.server.baseUrl}/directory/members/${memberId}/edit`);
  const workplaces = page.getByRole('region', { name: "Lieux d'exercice" });
  const picker = workplaces.getByRole('combobox', { name: 'Ajouter une structure' });
  await picker.waitFor();
  return { workplaces, picker };
}

test('the organisation picker answers the keyboard and passes over a structure already listed', async () => {
  const admin = await adminApi(suite.server.baseUrl);
  const organisations: string[] = [];
  for (const name of NAMES) {
    organisations.push(
      await created(admin, '/api/directory/organisations', { name, type: 'other', channels: [] }),
    );
  }
  const memberId = await created(admin, '/api/directory/members', {
    firstName: 'Inès',
    lastName: 'Combier',
    profession: 'nurse',
    languages: ['fr'],
    channels: [],
    organisations: [{ organisationId: organisations[1], roleTitle: 'IDE', canEditServices: false }],
  });

  const page = await suite.freshPage(390, 800);
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') writes.push(`${request.method()} ${request.url()}`);
  });
  const { workplaces, picker } = await openEditor(page, memberId);
  writes.length = 0;

  await picker.fill(WORD.toLowerCase());
  await workplaces.getByText('3 structures proposées').waitFor();
  assert.equal(await picker.getAttribute('aria-expanded'), 'true');
  assert.equal(await activeOf(picker), null);
  const options = workplaces.getByRole('option');
  const ids: string[] = [];
  const choosable: string[] = [];
  for (const option of await options.all()) {
    const id = (await option.getAttribute('id')) ?? '';
    ids.push(id);
    if ((await option.getAttribute('aria-disabled')) !== 'true') choosable.push(id);
  }
  assert.equal(ids.length, 3);
  assert.equal(choosable.length, 2, 'the structure already listed cannot be chosen');
  const [first, last] = choosable;

  // ↓ to the first that can be chosen, ↓ to the next (over the one listed), ↓ stays on the last;
  // Home and End in the list; ↑ from the first goes back to the text, ↑ from the text to the last
  const moves: [string, string | undefined | null][] = [
    ['ArrowDown', first],
    ['ArrowDown', last],
    ['ArrowDown', last],
    ['Home', first],
    ['End', last],
    ['ArrowUp', first],
    ['ArrowUp', null],
    ['ArrowUp', last],
  ];
  for (const [key, expected] of moves) {
    await picker.press(key);
    assert.equal(await activeOf(picker), expected, `after ${key}`);
  }
  assert.equal(await page.locator(`[id="${last}"]`).getAttribute('aria-selected'), 'true');
  assert.deepEqual(await suite.axe(page), []);
  await workplaces.screenshot({ path: `${SHOTS}/workplaces-390.png` });
  await page.setViewportSize({ width: 768, height: 1024 });
  await workplaces.screenshot({ path: `${SHOTS}/workplaces-768.png` });

  // Escape closes the list (the words stay), Escape again clears them
  await picker.press('Escape');
  assert.equal(await picker.getAttribute('aria-expanded'), 'false');
  assert.equal(await activeOf(picker), null);
  assert.equal(await workplaces.getByRole('listbox', { includeHidden: true }).isHidden(), true);
  assert.equal(await picker.inputValue(), WORD.toLowerCase());
  await picker.press('Escape');
  assert.equal(await picker.inputValue(), '');

  // Enter on the words opens the list on the first; Enter again chooses it, never sends the form
  await picker.fill(WORD);
  await workplaces.getByText('3 structures proposées').waitFor();
  await picker.press('Escape');
  await picker.press('Enter');
  assert.equal(await picker.getAttribute('aria-expanded'), 'true');
  assert.equal(await activeOf(picker), first);
  const chosenName = (await page.locator(`[id="${first}"] .picker-option-name`).innerText()).trim();
  await picker.press('Enter');
  const added = workplaces.getByRole('group', { name: chosenName });
  await added.waitFor();
  assert.equal(await picker.inputValue(), '');
  // the next thing to fill, the role held there, has the keyboard
  await page.keyboard.type('Infirmière');
  assert.equal(await added.getByLabel('Fonction dans la structure').inputValue(), 'Infirmière');
  assert.deepEqual(writes, [], 'nothing is sent before "Enregistrer"');
  await page.context().close();
});

test('a search for words since changed is aborted, and a failed search can be tried again', async () => {
  const admin = await adminApi(suite.server.baseUrl);
  const memberId = await created(admin, '/api/directory/members', {
    firstName: 'Hugo',
    lastName: 'Combier',
    profession: 'nurse',
    languages: ['fr'],
    channels: [],
    organisations: [],
  });
  const page = await suite.freshPage(390, 800);
  const { workplaces, picker } = await openEditor(page, memberId);

  // The answer for "accueil" is held until the words have changed: its request is aborted.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/directory\/search\?.*q=accueil&/, async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const firstAsked = page.waitForRequest(/q=accueil&/);
  const firstAborted = page.waitForEvent('requestfailed', (r) => /q=accueil&/.test(r.url()));
  await picker.fill('accueil');
  await firstAsked;
  await picker.fill(`foyer ${WORD}`);
  await workplaces.getByRole('option', { name: new RegExp(`Foyer logement ${WORD}`) }).waitFor();
  await firstAborted;
  release();

  // A failed search says so, and "Réessayer" asks again
  const anySearch = /\/api\/directory\/search\?/;
  await page.route(anySearch, (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }),
  );
  await picker.fill(`centre ${WORD}`);
  await workplaces
    .getByText('La recherche n’a pas abouti : vérifiez la connexion puis réessayez.')
    .waitFor();
  assert.equal(await picker.getAttribute('aria-expanded'), 'false');
  await page.unroute(anySearch);
  await workplaces.getByRole('button', { name: 'Réessayer' }).click();
  await workplaces.getByRole('option', { name: new RegExp(`Centre social ${WORD}`) }).waitFor();
  // the keyboard is back in the box: ↓ Enter chooses
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await workplaces.getByRole('group', { name: `Centre social ${WORD}` }).waitFor();
  await page.context().close();
  assert.deepEqual(pageProblems, []);
});
