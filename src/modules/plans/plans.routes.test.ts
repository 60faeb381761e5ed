import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, carePlans, carePlanVersions, pathwayEvents } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation, buildService } from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import type { TPlanContent, TPlanDiff } from './plans.schemas.js';

type TPlan = {
  version: number;
  content: TPlanContent;
  dimensions: Record<string, string>;
  names: { id: string; name: string }[];
  review: { level: string | null; delayDays: number; due: string | null; overdue: boolean };
  hiddenCategories: string[];
  canWrite: boolean;
};
type TConflict = {
  error: { code: string; message: string; details: { currentVersion: number; diff: TPlanDiff } };
};
type TFields = { error: { details: { fields: { field: string; message: string }[] } } };

const id = () => randomUUID();
const DAY = 86_400_000;

/** A plan with a social need (isolation) and a medical one (falls), a goal and an action under each. */
function firstPlan(referentMemberId: string) {
  const isolation = id();
  const falls = id();
  const visits = id();
  const noFall = id();
  const content: TPlanContent = {
    situation: 'Vit seule au 2e étage sans ascenseur',
    wishes: 'Rester chez elle',
    priorities: 'Sortir de l’isolement',
    referentMemberId,
    needs: [
      { id: isolation, code: 'social_contact', text: 'Ne voit personne en semaine', findings: [] },
      {
        id: falls,
        code: 'neuro_musculo_skeletal_function',
        text: 'Chutes à répétition',
        findings: [],
      },
    ],
    goals: [
      {
        id: visits,
        needId: isolation,
        code: 'status',
        baseline: 2,
        target: 4,
        text: 'Deux sorties par semaine',
        targetDate: '2027-03-01',
        status: 'in_progress',
        outcome: '',
      },
      {
        id: noFall,
        needId: falls,
        code: 'status',
        baseline: 1,
        target: 4,
        text: 'Aucune chute en trois mois',
        targetDate: null,
        status: 'in_progress',
        outcome: '',
      },
    ],
    actions: [
      {
        id: id(),
        goalId: visits,
        category: 'case_management',
        target: 'support_system',
        text: 'Inscription au club des aînés',
        who: { kind: 'member', memberId: referentMemberId },
        frequency: 'mardi et jeudi',
        start: '2026-12-08',
        end: null,
        status: 'planned',
        outcome: '',
      },
      {
        id: id(),
        goalId: noFall,
        category: 'treatments_procedures',
        target: 'physical_therapy_care',
        text: 'Kinésithérapie, équilibre',
        who: null,
        frequency: '2 fois par semaine',
        start: null,
        end: null,
        status: 'planned',
        outcome: '',
      },
    ],
  };
  return { content, ids: { isolation, falls, visits, noFall } };
}

describe('the personalised coordination plan (PPCS)', () => {
  let t: TTestApp;
  let manager: TAgent;
  let nurse: TAgent;
  let social: TAgent;
  let outsider: TAgent;
  let personId: string;
  let managerMemberId: string;
  let plan = firstPlan(randomUUID());

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    const nurseUser = await buildUser(db, { role: 'professional' });
    const socialUser = await buildUser(db, { role: 'social' });
    managerMemberId = managerUser.memberId!;
    const person = await buildPerson(db, {
      caseManagerId: managerMemberId,
      team: [{ memberId: nurseUser.memberId! }, { memberId: socialUser.memberId! }],
    });
    personId = person.id;
    plan = firstPlan(managerMemberId);
    const login = (email: string) => loginAs(t.app, email, TEST_PASSWORD);
    manager = await login(managerUser.email);
    nurse = await login(nurseUser.email);
    social = await login(socialUser.email);
    outsider = await login((await buildUser(db, { role: 'professional' })).email);
  });
  after(() => t.close());

  const url = () => `/api/persons/${personId}/plan`;
  const read = async (agent: TAgent) => {
    const response = await agent.request('GET', url());
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TPlan>();
  };
  const save = (agent: TAgent, baseVersion: number, content: TPlanContent, review = false) =>
    agent.request('PUT', url(), { baseVersion, content, review });

  it('answers an empty plan at version 0 before the first save, writable by the case manager', async () => {
    const empty = await read(manager);
    assert.deepEqual([empty.version, empty.content.needs, empty.canWrite], [0, [], true]);
    assert.equal(empty.review.due, null);
  });

  it('saves the first version, kept with its pathway event in the same transaction', async () => {
    const response = await save(manager, 0, plan.content);
    assert.equal(response.statusCode, 200, response.body);
    const saved = response.json<TPlan>();
    assert.equal(saved.version, 1);
    assert.equal(saved.content.goals.length, 2);
    assert.equal(saved.dimensions[plan.ids.falls], 'medical');
    assert.ok(saved.names.some((name) => name.id === managerMemberId));
    const events = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(
        and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'plan.version_saved')),
      );
    assert.deepEqual(
      events.map((event) => [event.category, event.data]),
      [['social', { version: 1, review: true }]],
    );
  });

  it('two people editing version 1: the second gets 409 with what changed, nothing lost', async () => {
    const managerEdit: TPlanContent = { ...plan.content, wishes: 'Rester chez elle avec son chat' };
    const nurseGoal = {
      ...plan.content.goals[1]!,
      id: id(),
      text: 'Marcher 10 minutes chaque jour',
    };
    const nurseEdit: TPlanContent = { ...plan.content, goals: [...plan.content.goals, nurseGoal] };

    assert.equal((await save(manager, 1, managerEdit)).statusCode, 200);
    const refused = await save(nurse, 1, nurseEdit);
    assert.equal(refused.statusCode, 409, refused.body);
    const conflict = refused.json<TConflict>().error;
    assert.equal(conflict.details.currentVersion, 2);
    assert.match(conflict.message, /version 2/);
    assert.deepEqual(conflict.details.diff.fields, [
      { field: 'wishes', before: 'Rester chez elle', after: 'Rester chez elle avec son chat' },
    ]);
    const versions = await t.database.db.select().from(carePlanVersions);
    assert.equal(versions.length, 2, 'the refused save stored nothing');

    // The nurse re-applies her goal on version 2: both edits are in version 3.
    const current = await read(nurse);
    const reapplied = await save(nurse, current.version, {
      ...current.content,
      goals: [...current.content.goals, nurseGoal],
    });
    assert.equal(reapplied.statusCode, 200, reapplied.body);
    const merged = reapplied.json<TPlan>();
    assert.equal(merged.version, 3);
    assert.equal(merged.content.wishes, 'Rester chez elle avec son chat');
    assert.ok(merged.content.goals.some((goal) => goal.id === nurseGoal.id));
  });

  it('lists every version and diffs any two by needs, goals, actions and fields', async () => {
    const list = (await manager.request('GET', `${url()}/versions`)).json<{
      items: { version: number; savedBy: string; isReview: boolean }[];
    }>();
    assert.deepEqual(
      list.items.map((item) => [item.version, item.isReview]),
      [
        [3, false],
        [2, false],
        [1, true],
      ],
    );
    const diff = (await manager.request('GET', `${url()}/versions/1/diff/3`)).json<TPlanDiff>();
    assert.deepEqual(
      diff.fields.map((field) => field.field),
      ['wishes'],
    );
    assert.deepEqual(
      diff.goals.added.map((goal) => goal.text),
      ['Marcher 10 minutes chaque jour'],
    );
    assert.deepEqual([diff.needs.added, diff.goals.removed, diff.actions.changed], [[], [], []]);
    const old = (await manager.request('GET', `${url()}/versions/1`)).json<TPlan>();
    assert.equal(old.content.wishes, 'Rester chez elle');
    const fromEmpty = (
      await manager.request('GET', `${url()}/versions/0/diff/1`)
    ).json<TPlanDiff>();
    assert.equal(fromEmpty.needs.added.length, 2);
    assert.equal((await manager.request('GET', `${url()}/versions/9`)).statusCode, 404);
  });

  it('hides medical and psychological items from a social role, also in versions and diffs', async () => {
    const seen = await read(social);
    assert.deepEqual(seen.hiddenCategories, ['medical']);
    assert.deepEqual(
      seen.content.needs.map((need) => need.code),
      ['social_contact'],
    );
    assert.ok(seen.content.goals.every((goal) => goal.needId === plan.ids.isolation));
    assert.equal(seen.content.actions.length, 1);
    const body = JSON.stringify([
      seen,
      (await social.request('GET', `${url()}/versions/0/diff/3`)).json(),
      (await social.request('GET', `${url()}/versions/1`)).json(),
    ]);
    for (const hidden of ['Chutes', 'chute', 'Kinésithérapie', 'Marcher']) {
      assert.ok(!body.includes(hidden), `${hidden} leaked`);
    }
  });

  it('keeps the hidden items when a social role saves, and refuses a medical need from them', async () => {
    const seen = await read(social);
    const edited = { ...seen.content, priorities: 'Sortir deux fois par semaine' };
    const response = await save(social, seen.version, edited);
    assert.equal(response.statusCode, 200, response.body);
    const full = await read(manager);
    assert.equal(full.version, 4);
    assert.equal(full.content.priorities, 'Sortir deux fois par semaine');
    assert.equal(full.content.needs.length, 2, 'the medical need is still there');
    assert.equal(full.content.goals.length, 3);

    const medical = {
      ...edited,
      needs: [...edited.needs, { id: id(), code: 'pain', text: 'Douleurs', findings: [] }],
    };
    const refused = await save(social, 4, medical);
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(
      refused.json<TFields>().error.details.fields.map((field) => field.field),
      ['content.needs.1.code'],
    );
  });

  it('prints the plan as a PDF: goals and actions in it, nothing of a category the reader may not see', async () => {
    const full = await manager.request('GET', `${url()}/pdf`);
    assert.equal(full.statusCode, 200, full.body);
    assert.equal(full.headers['content-type'], 'application/pdf');
    const text = pdfText(full.rawPayload);
    for (const shown of [
      'Plan personnalisé de coordination',
      'Besoins sociaux',
      'Deux sorties par semaine',
      'Inscription au club des aînés',
      'Besoins médicaux',
      'Aucune chute en trois mois',
      'Kinésithérapie, équilibre',
      'cotation de 2 à 4 sur 5',
    ]) {
      assert.ok(text.includes(shown), `${shown} missing from the PDF`);
    }
    const english = pdfText((await manager.request('GET', `${url()}/pdf?lang=en`)).rawPayload);
    assert.ok(english.includes('Personalised coordination plan'));
    assert.ok(english.includes('Social needs'));

    const socialPdf = await social.request('GET', `${url()}/pdf`);
    assert.equal(socialPdf.statusCode, 200);
    const socialText = pdfText(socialPdf.rawPayload);
    assert.ok(socialText.includes('Deux sorties par semaine'));
    assert.ok(socialText.includes('Inscription au club des aînés'));
    for (const hidden of ['Besoins médicaux', 'Chutes', 'chute', 'Kinésithérapie', 'Marcher']) {
      assert.ok(!socialText.includes(hidden), `${hidden} leaked into the PDF`);
    }
    assert.ok(socialText.includes('ne figurent pas sur ce document'));
    assert.equal((await outsider.request('GET', `${url()}/pdf`)).statusCode, 404);
  });

  it('keeps a goal not reached in view: it leaves only once closed as reached or abandoned', async () => {
    const current = await read(manager);
    const without = current.content.goals.filter((goal) => goal.id !== plan.ids.visits);
    const dropped = await save(manager, current.version, {
      ...current.content,
      goals: without,
      actions: current.content.actions.filter((action) => action.goalId !== plan.ids.visits),
    });
    assert.equal(dropped.statusCode, 422);
    assert.ok(
      dropped.json<TFields>().error.details.fields.some((f) => f.field === 'content.goals'),
    );
    const closed = await save(manager, current.version, {
      ...current.content,
      goals: current.content.goals.map((goal) =>
        goal.id === plan.ids.visits
          ? { ...goal, status: 'reached', outcome: 'Club le mardi' }
          : goal,
      ),
    });
    assert.equal(closed.statusCode, 200, closed.body);
    const after = closed.json<TPlan>();
    const removed = await save(manager, after.version, {
      ...after.content,
      goals: after.content.goals.filter((goal) => goal.id !== plan.ids.visits),
      actions: after.content.actions.filter((action) => action.goalId !== plan.ids.visits),
    });
    assert.equal(removed.statusCode, 200, removed.body);
  });

  it('checks the structure: a goal under an unknown need, an unknown member or finding → 422', async () => {
    const current = await read(manager);
    const response = await save(manager, current.version, {
      ...current.content,
      referentMemberId: randomUUID(),
      goals: [...current.content.goals, { ...current.content.goals[0]!, id: id(), needId: id() }],
      needs: current.content.needs.map((need, index) =>
        index === 0 ? { ...need, findings: [{ assessmentId: randomUUID(), itemKey: 'x' }] } : need,
      ),
    });
    assert.equal(response.statusCode, 422);
    const fields = response.json<TFields>().error.details.fields.map((f) => f.field);
    assert.deepEqual(fields.sort(), [
      'content.goals.2.needId',
      'content.needs.0.findings.0',
      'content.referentMemberId',
    ]);
  });

  it('gives an action to a directory service, named in the answer; an unknown one is refused', async () => {
    const db = t.database.db;
    const service = await buildService(db, (await buildOrganisation(db)).id);
    const current = await read(manager);
    const withService = (serviceId: string) => ({
      ...current.content,
      actions: current.content.actions.map((action, index) =>
        index === 0 ? { ...action, who: { kind: 'service' as const, serviceId } } : action,
      ),
    });
    const unknown = await save(manager, current.version, withService(randomUUID()));
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(
      unknown.json<TFields>().error.details.fields.map((f) => f.field),
      ['content.actions.0.who'],
    );
    const saved = await save(manager, current.version, withService(service.id));
    assert.equal(saved.statusCode, 200, saved.body);
    assert.ok(saved.json<TPlan>().names.some((name) => name.id === service.id));
  });

  it('links a need to the assessment finding that raised it', async () => {
    const base = `/api/persons/${personId}/assessments`;
    const draft = (await manager.request('POST', base, { instrumentId: 'multidimensional' })).json<{
      id: string;
    }>();
    const current = await read(manager);
    const needs = current.content.needs.map((need, index) =>
      index === 0
        ? { ...need, findings: [{ assessmentId: draft.id, itemKey: 'livesAlone' }] }
        : need,
    );
    const response = await save(manager, current.version, { ...current.content, needs });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('sets the review date from the level in force and flags an overdue review', async () => {
    const before = await read(manager);
    assert.deepEqual([before.review.level, before.review.delayDays], [null, 180]);
    const override = await manager.request('PUT', `/api/persons/${personId}/level/override`, {
      level: 'integration',
      justification: 'Chutes répétées, aidante épuisée',
    });
    assert.equal(override.statusCode, 200, override.body);
    const integrated = await read(manager);
    assert.deepEqual([integrated.review.level, integrated.review.delayDays], ['integration', 90]);
    assert.equal(integrated.review.overdue, false);
    await t.database.db
      .update(carePlans)
      .set({ lastReviewedAt: new Date(Date.now() - 91 * DAY) })
      .where(eq(carePlans.personId, personId));
    const late = await read(manager);
    assert.equal(late.review.overdue, true);
    // A save marked as a review with the person moves the date on.
    const reviewed = await save(manager, late.version, late.content, true);
    assert.equal(reviewed.json<TPlan>().review.overdue, false);
  });

  it('refuses an outsider with 404, audited', async () => {
    const response = await outsider.request('GET', url());
    assert.equal(response.statusCode, 404);
    const rows = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.requestId, String(response.headers['x-request-id'])));
    assert.deepEqual(rows, [{ action: 'plan.read', outcome: 'denied' }]);
    assert.equal(
      (await outsider.request('PUT', url(), { baseVersion: 0, content: {} })).statusCode,
      404,
    );
  });

  it('two saves sent at the same time on the same version: exactly one is stored, the other 409', async () => {
    const current = await read(manager);
    const [a, b] = await Promise.all([
      save(manager, current.version, { ...current.content, situation: 'Édition A' }),
      save(nurse, current.version, { ...current.content, situation: 'Édition B' }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const after = await read(manager);
    assert.equal(after.version, current.version + 1);
    const loser = a.statusCode === 409 ? a : b;
    const diff = loser.json<TConflict>().error.details.diff;
    assert.deepEqual(
      diff.fields.map((field) => field.field),
      ['situation'],
    );
  });

  it('two first saves at the same time on a person without a plan: one stored, one 409', async () => {
    const fresh = await buildPerson(t.database.db, { caseManagerId: managerMemberId });
    const first = (situation: string) =>
      manager.request('PUT', `/api/persons/${fresh.id}/plan`, {
        baseVersion: 0,
        content: { situation },
      });
    const answers = await Promise.all([first('Première A'), first('Première B')]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [200, 409]);
    const versions = await t.database.db
      .select()
      .from(carePlans)
      .where(eq(carePlans.personId, fresh.id));
    assert.equal(versions.length, 1);
  });

  it("follows a merge: the duplicate's plan moves to the kept record that had none", async () => {
    const db = t.database.db;
    const admin = await loginAs(
      t.app,
      (await buildUser(db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
    const kept = await buildPerson(db, { caseManagerId: managerMemberId });
    const merged = await admin.request('POST', `/api/persons/${kept.id}/merge`, {
      duplicatePersonId: personId,
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const moved = await manager.request('GET', `/api/persons/${kept.id}/plan`);
    assert.equal(moved.json<TPlan>().content.wishes, 'Rester chez elle avec son chat');
  });
});
