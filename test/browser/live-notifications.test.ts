/**
 * Live notifications in the browser (decision 025): a professional has the app open; the case
 * manager adds her to a person's care team from another browser; her bell's count goes up
 * without a reload, the page lists the new notification under "Aujourd’hui", and "Tout marquer
 * comme lu" clears the bell. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
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

before(async () => {
  server = await startServer(180_000);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(width = 800): Promise<Page> {
  const context = watchForPageProblems(
    await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } }),
  );
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

const unreadOf = async (page: Page) =>
  Number(await page.locator('a.bell').getAttribute('data-unread'));

describe('live notifications', () => {
  test('her bell counts up without a reload when another user adds her to a care team', async () => {
    const nurse = await freshPage(390);
    await signIn(nurse, server.baseUrl, DEMO.professional);
    const { user } = await getJson<{ user: { memberId: string } }>(
      nurse,
      server.baseUrl,
      '/api/auth/session',
    );
    const bell = nurse.locator('a.bell');
    await bell.waitFor();
    // the stream is open before anything happens (its first event, 'ready', has arrived)
    await nurse.locator('a.bell[data-live="stream"]').waitFor();
    const before = await unreadOf(nurse);

    const manager = await freshPage();
    await signIn(manager, server.baseUrl, DEMO.coordinator);
    const status = await manager.evaluate(async (memberId) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const persons = (await (await fetch('/api/persons')).json()) as { items: { id: string }[] };
      for (const person of persons.items) {
        const team = (await (await fetch(`/api/persons/${person.id}/care-team`)).json()) as {
          items: { memberId: string; active: boolean }[];
        };
        if (team.items.some((m) => m.memberId === memberId && m.active)) continue;
        const added = await fetch(`/api/persons/${person.id}/care-team`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ memberId, role: 'gp' }),
        });
        return added.status;
      }
      return 0;
    }, user.memberId);
    assert.equal(status, 204, 'the case manager added her to a care team');

    await nurse.locator(`a.bell[data-unread="${before + 1}"]`).waitFor();
    assert.equal(
      await bell.getAttribute('aria-label'),
      `Notifications : ${before + 1} non ${before + 1 > 1 ? 'lues' : 'lue'}`,
    );

    await bell.click();
    await nurse.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const today = nurse.getByRole('region', { name: 'Aujourd’hui' });
    await today
      .getByText(/ajouté·e au cercle de soins/)
      .first()
      .waitFor();
    await nurse.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await nurse.locator('a.bell[data-unread="0"]').waitFor();
    assert.deepEqual(pageProblems, []);
    await nurse.context().close();
    await manager.context().close();
  });
});
