/**
 * The coordination plan editor in a real browser: a case manager opens a person's plan from their
 * page, adds a need, a goal and an action with the keyboard only (Enter adds), saves version 1;
 * someone else saves meanwhile, her next save meets the conflict, sees what changed, re-applies
 * her edits on the new version and saves; the history compares two versions. Screenshots at
 * 800 px and 390 px go to /tmp/shots/plan/. Expects `dist/web` to be built (npm run build:web).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  browserSuite,
  DEMO,
  getJson,
  pageProblems,
  signIn,
  watchForPageProblems,
  axeBuilder,
} from './helpers.js';

const SHOTS = '/tmp/shots/plan';
const suite = browserSuite({ shots: SHOTS });

/** Types into the field with this label and presses Enter (the add rows add on Enter). */
async function typeAndEnter(scope: Locator, label: string | RegExp, text: string) {
  const field = scope.getByLabel(label).last();
  await field.focus();
  await field.page().keyboard.type(text);
  await field.page().keyboard.press('Enter');
}

/** Saves a new version through the API, as a second person would from another device. */
async function saveElsewhere(page: Page, personId: string, wishes: string) {
  const session = await getJson<{ csrfToken: string }>(
    page,
    suite.server.baseUrl,
    '/api/auth/session',
  );
  const plan = await getJson<{ version: number; content: Record<string, unknown> }>(
    page,
    suite.server.baseUrl,
    `/api/persons/${personId}/plan`,
  );
  const response = await page.request.put(`${suite.server.baseUrl}/api/persons/${personId}/plan`, {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { baseVersion: plan.version, content: { ...plan.content, wishes } },
  });
  assert.equal(response.status(), 200, await response.text());
}

describe('coordination plan editor', () => {
  for (const width of [800, 390]) {
    test(`a case manager edits a plan with the keyboard and resolves a conflict (${String(width)} px)`, async () => {
      const page = await suite.freshPage(width, 1000);
      const context = page.context();
      try {
        await signIn(page, suite.server.baseUrl, DEMO.coordinator);
        const caseload = await getJson<{ items: { id: string }[] }>(
          page,
          suite.server.baseUrl,
          '/api/caseload',
        );
        // Two people of her caseload who have no plan yet (the demo gives some a plan already).
        const withoutPlan: string[] = [];
        for (const person of caseload.items) {
          const plan = await getJson<{ version: number }>(
            page,
            suite.server.baseUrl,
            `/api/persons/${person.id}/plan`,
          );
          if (plan.version === 0) withoutPlan.push(person.id);
          if (withoutPlan.length === 2) break;
        }
        const personId = withoutPlan[width === 800 ? 0 : 1]!;
        const session = await getJson<{ csrfToken: string }>(
          page,
          suite.server.baseUrl,
          '/api/auth/session',
        );
        const started = await page.request.post(
          `${suite.server.baseUrl}/api/persons/${personId}/assessments`,
          {
            headers: { 'x-csrf-token': session.csrfToken },
            data: { instrumentId: 'multidimensional' },
          },
        );
        const assessments = await getJson<{ items: { id: string; instrumentId: string }[] }>(
          page,
          suite.server.baseUrl,
          `/api/persons/${personId}/assessments`,
        );
        const multidimensional = assessments.items.find(
          (a) => a.instrumentId === 'multidimensional',
        );
        assert.ok(multidimensional, `no multidimensional assessment: ${String(started.status())}`);
        // From her caseload, as a case manager starts her day.
        await page.goto(`${suite.server.baseUrl}/`);
        await page.getByRole('navigation').getByRole('link', { name: 'Ma file active' }).click();
        await page.getByRole('heading', { level: 1, name: 'Ma file active' }).waitFor();
        await page.locator(`main a[href="/persons/${personId}"]`).first().click();
        await page.getByRole('link', { name: 'Plan de coordination (PPCS)' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Plan personnalisé de coordination (PPCS)' })
          .waitFor();

        await page.getByLabel('Souhaits de la personne').fill('Rester chez elle');
        const social = page.locator('section', { hasText: 'Besoins sociaux' });
        await social.getByLabel('Besoin (code)').selectOption('social_contact');
        await typeAndEnter(social, 'Nouveau besoin (Entrée pour ajouter)', 'Isolement en semaine');
        await social.getByRole('heading', { level: 3, name: 'Vie sociale, isolement' }).waitFor();
        await social
          .getByLabel('Relier à un constat d’évaluation')
          .selectOption(`${multidimensional.id}|livesAlone`);
        await social.getByRole('button', { name: 'Relier', exact: true }).click();
        await social.getByText(/^Constat : /).waitFor();
        await typeAndEnter(social, /^Nouvel objectif pour ce besoin/, 'Deux sorties par semaine');
        await page.getByRole('group', { name: 'Objectif : Deux sorties par semaine' }).waitFor();
        await typeAndEnter(social, /^Nouvelle action pour cet objectif/, 'Club des aînés le mardi');
        // The action is given to a service found in the directory, from the keyboard.
        const action = page.getByRole('group', { name: 'Action : Club des aînés le mardi' });
        const services = await getJson<{ items: { id: string; title: string }[] }>(
          page,
          suite.server.baseUrl,
          '/api/directory/search?type=service&pageSize=1',
        );
        const service = services.items[0]!;
        await typeAndEnter(action, /^Ou chercher un service de l’annuaire/, service.title);
        await action
          .getByRole('button', { name: `Confier à ${service.title}` })
          .first()
          .click();
        assert.equal(await action.getByLabel('Qui').inputValue(), `service:${service.id}`);
        await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
        await page.getByText('Plan enregistré : version 1.').waitFor();
        await page.getByText(/^Prochaine révision le /).waitFor();
        await page.screenshot({ path: `${SHOTS}/plan-${String(width)}.png`, fullPage: true });

        // Someone else saves version 2; her own edit, made on version 1, meets the conflict.
        await saveElsewhere(page, personId, 'Rester chez elle avec son chat');
        await page.getByLabel('Priorités', { exact: true }).fill('Sortir de l’isolement');
        await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
        const conflict = page.getByRole('status').filter({ hasText: 'Quelqu’un a enregistré' });
        await conflict.getByText(/Rester chez elle avec son chat/).waitFor();
        await page.screenshot({ path: `${SHOTS}/conflict-${String(width)}.png`, fullPage: true });
        await page
          .getByRole('button', { name: 'Réappliquer mes modifications sur la version 2' })
          .click();
        await page.getByText(/^Vos modifications sont réappliquées sur la version 2/).waitFor();
        assert.equal(
          await page.getByLabel('Souhaits de la personne').inputValue(),
          'Rester chez elle avec son chat',
        );
        assert.equal(
          await page.getByLabel('Priorités', { exact: true }).inputValue(),
          'Sortir de l’isolement',
        );
        await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
        await page.getByText('Plan enregistré : version 3.').waitFor();

        // "Imprimer" opens the PDF of the saved version (checked here through the same address).
        const print = page.getByRole('link', { name: 'Imprimer' });
        const href = await print.getAttribute('href');
        assert.equal(await print.getAttribute('target'), '_blank');
        const pdf = await page.request.get(`${suite.server.baseUrl}${href!}`);
        assert.equal(pdf.headers()['content-type'], 'application/pdf');
        assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

        // The history compares version 1 with version 3.
        await page.getByLabel('Comparer la version').selectOption('1');
        await page.getByLabel('avec la version').selectOption('3');
        await page.getByRole('button', { name: 'Comparer', exact: true }).click();
        await page.locator('.plan-diff').getByText('Sortir de l’isolement').waitFor();
        await page.screenshot({ path: `${SHOTS}/history-${String(width)}.png`, fullPage: true });

        const scan = await axeBuilder(page).withTags(['wcag2a', 'wcag2aa']).analyze();
        assert.deepEqual(
          scan.violations.map((v) => `${v.id}: ${v.nodes.length}`),
          [],
          'no accessibility violation on the plan editor',
        );
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('a mature demo plan (three versions, a goal reached) reads on a phone and a tablet', async () => {
    for (const width of [390, 800]) {
      const context = watchForPageProblems(
        await suite.browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } }),
      );
      const page = await context.newPage();
      try {
        await signIn(page, suite.server.baseUrl, DEMO.coordinator);
        const persons = await getJson<{
          items: { id: string; firstName: string; lastName: string }[];
        }>(page, suite.server.baseUrl, '/api/persons');
        const jeanne = persons.items.find(
          (p) => p.firstName === 'Jeanne' && p.lastName === 'Roux',
        )!;
        await page.goto(`${suite.server.baseUrl}/persons/${jeanne.id}/plan`);
        await page.getByText(/^Version 3, enregistrée par /).waitFor();
        await page.getByRole('group', { name: 'Objectif : Deux sorties par semaine' }).waitFor();
        assert.equal(
          await page
            .getByRole('group', { name: 'Objectif : Deux sorties par semaine' })
            .getByLabel('Statut')
            .inputValue(),
          'reached',
        );
        await page.screenshot({ path: `${SHOTS}/mature-${String(width)}.png` });
        assert.deepEqual(pageProblems, []);
      } finally {
        await context.close();
      }
    }
  });
});
