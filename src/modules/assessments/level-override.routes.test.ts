import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, integrationLevelOverrides, pathwayEvents } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { DEFAULT_LEVEL_SETTINGS } from './level-settings.js';
import { PRISMA7_POSITIVE_ANSWERS } from '../../seed/sample-answers.js';

type TLevel = {
  level: string | null;
  levelInForce: string | null;
  override: { level: string; label: { fr: string }; justification: string; by: string } | null;
  reassessmentDue: string | null;
};
type TFields = { error: { details: { fields: { field: string; message: string }[] } } };

/** PRISMA-7 with three "yes" that score: positive, coordination until the assessment. */
const PRISMA7_POSITIVE = PRISMA7_POSITIVE_ANSWERS;
const PRISMA7_NEGATIVE = { ...PRISMA7_POSITIVE, over85: false, needsRegularHelp: false };
const DAY = 86_400_000;

describe("the case manager's override of the integration level", () => {
  let t: TTestApp;
  let manager: TAgent;
  let nurse: TAgent;
  let outsider: TAgent;
  let personId: string;
  let managerName: string;
  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    const nurseUser = await buildUser(db, { role: 'professional' });
    const person = await buildPerson(db, {
      caseManagerId: managerUser.memberId,
      team: [{ memberId: nurseUser.memberId! }],
    });
    personId = person.id;
    managerName = managerUser.displayName;
    const login = (email: string) => loginAs(t.app, email, TEST_PASSWORD);
    manager = await login(managerUser.email);
    nurse = await login(nurseUser.email);
    outsider = await login((await buildUser(db, { role: 'professional' })).email);
  });
  after(() => t.close());

  const url = () => `/api/persons/${personId}/level`;
  const override = (agent: TAgent, level: string, justification: string) =>
    agent.request('PUT', `${url()}/override`, { level, justification });
  const read = async () => (await manager.request('GET', url())).json<TLevel>();
  const completePrisma7 = async (agent: TAgent, answers: Record<string, boolean>) => {
    const base = `/api/persons/${personId}/assessments`;
    const { id } = (await agent.request('POST', base, { instrumentId: 'prisma7' })).json<{
      id: string;
    }>();
    assert.equal(
      (await agent.request('PUT', `${base}/${id}/answers`, { answers })).statusCode,
      200,
    );
    const done = await agent.request('POST', `${base}/${id}/complete`);
    assert.equal(done.statusCode, 200, done.body);
    return { id, completedAt: Date.parse(done.json<{ completedAt: string }>().completedAt) };
  };
  const overrideRows = () =>
    t.database.db
      .select()
      .from(integrationLevelOverrides)
      .where(eq(integrationLevelOverrides.personId, personId));
  const events = async () =>
    await t.database.db
      .select({
        kind: pathwayEvents.kind,
        category: pathwayEvents.category,
        data: pathwayEvents.data,
      })
      .from(pathwayEvents)
      .where(eq(pathwayEvents.personId, personId))
      .orderBy(asc(pathwayEvents.id));

  it('completing an assessment writes its pathway event, and the level it sets, in the same transaction', async () => {
    const { id } = await completePrisma7(manager, PRISMA7_POSITIVE);
    assert.deepEqual(await events(), [
      {
        kind: 'assessment.completed',
        category: 'medical',
        data: { instrumentId: 'prisma7', instrumentVersion: 1 },
      },
      {
        kind: 'level.computed',
        category: 'social',
        data: { level: 'coordination', previousLevel: null },
      },
    ]);
    const [event] = await t.database.db
      .select({ sourceId: pathwayEvents.sourceId })
      .from(pathwayEvents)
      .where(
        and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'assessment.completed')),
      );
    assert.equal(event?.sourceId, id);
  });

  it('refuses a justification shorter than 10 characters, naming the field, and stores nothing', async () => {
    const short = await override(manager, 'integration', '  trop  ');
    assert.equal(short.statusCode, 400);
    assert.deepEqual(
      short.json<TFields>().error.details.fields.map((f) => f.field),
      ['justification'],
    );
    const missing = await manager.request('PUT', `${url()}/override`, { level: 'integration' });
    assert.equal(missing.statusCode, 400);
    const unknown = await override(manager, 'maximal', 'Une justification assez longue');
    assert.equal(unknown.statusCode, 400);
    assert.equal((await overrideRows()).length, 0);
  });

  it("is the case manager's alone: a team member is refused (403), an outsider does not see the person (404), each audited", async () => {
    const byNurse = await override(nurse, 'integration', 'Je pense que cela suffit');
    assert.equal(byNurse.statusCode, 403);
    const byOutsider = await override(outsider, 'integration', 'Je pense que cela suffit');
    assert.equal(byOutsider.statusCode, 404);
    for (const response of [byNurse, byOutsider]) {
      const rows = await t.database.db
        .select({ action: auditLog.action, outcome: auditLog.outcome, reason: auditLog.reason })
        .from(auditLog)
        .where(eq(auditLog.requestId, String(response.headers['x-request-id'])));
      assert.deepEqual(
        rows.map((row) => `${row.action} ${row.outcome}`),
        ['level.override denied'],
      );
    }
    assert.equal((await overrideRows()).length, 0);
    const seen = (agent: TAgent) => agent.request('GET', url());
    assert.equal((await seen(nurse)).json<{ canOverride: boolean }>().canOverride, false);
    assert.equal((await seen(manager)).json<{ canOverride: boolean }>().canOverride, true);
  });

  it('keeps the override beside the computed level; the reassessment date follows the level in force', async () => {
    const before = await read();
    assert.deepEqual(
      [before.level, before.levelInForce, before.override],
      ['coordination', 'coordination', null],
    );
    const justification = 'Aidante épuisée, deux chutes depuis la dernière visite';
    const response = await override(manager, 'integration', `  ${justification} `);
    assert.equal(response.statusCode, 200, response.body);
    const level = response.json<TLevel>();
    assert.equal(level.level, 'coordination', 'the computed level stays what the rules say');
    assert.equal(level.levelInForce, 'integration');
    assert.deepEqual(
      [
        level.override?.level,
        level.override?.label.fr,
        level.override?.justification,
        level.override?.by,
      ],
      ['integration', 'intégration complète', justification, managerName],
    );
    assert.deepEqual(await read(), level);
    const completedBefore =
      Date.parse(before.reassessmentDue!) -
      DEFAULT_LEVEL_SETTINGS.reassessmentDays.coordination * DAY;
    assert.equal(
      Date.parse(level.reassessmentDue!),
      completedBefore + DEFAULT_LEVEL_SETTINGS.reassessmentDays.integration * DAY,
    );
    const rows = await overrideRows();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.justification, justification);
    const last = (await events()).at(-1);
    assert.deepEqual(last, {
      kind: 'level.overridden',
      category: 'social',
      data: { level: 'integration', computedLevel: 'coordination', previousLevel: 'coordination' },
    });
  });

  it('is removed by an override back to computed, and kept in the history', async () => {
    const response = await override(manager, 'computed', 'Situation stabilisée au domicile');
    assert.equal(response.statusCode, 200, response.body);
    const level = response.json<TLevel>();
    assert.deepEqual(
      [level.level, level.levelInForce, level.override],
      ['coordination', 'coordination', null],
    );
    assert.equal((await overrideRows()).length, 2);
    assert.deepEqual((await events()).at(-1), {
      kind: 'level.override_removed',
      category: 'social',
      data: { level: null, computedLevel: 'coordination', previousLevel: 'integration' },
    });
  });

  it('ends with a newer completed assessment', async () => {
    const justification = 'Chute hier, attendre la réévaluation';
    assert.equal((await override(manager, 'integration', justification)).statusCode, 200);
    assert.equal((await read()).levelInForce, 'integration');
    const { completedAt } = await completePrisma7(nurse, PRISMA7_NEGATIVE);
    const level = await read();
    assert.deepEqual(
      [level.level, level.levelInForce, level.override],
      ['liaison', 'liaison', null],
    );
    assert.equal(
      Date.parse(level.reassessmentDue!),
      completedAt + DEFAULT_LEVEL_SETTINGS.reassessmentDays.liaison * DAY,
    );
    assert.equal(
      (await override(manager, 'coordination', 'Isolement depuis le décès du mari')).statusCode,
      200,
    );
    assert.equal((await read()).levelInForce, 'coordination');
  });
});
