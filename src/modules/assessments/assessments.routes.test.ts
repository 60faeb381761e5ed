import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { assessmentAnswers, assessments, auditLog } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { DEFAULT_LEVEL_SETTINGS } from './level-settings.js';
import { AGGIR_GIR2_ANSWERS, HOME_ANSWERS } from '../../seed/sample-answers.js';

type TDetail = {
  id: string;
  state: string;
  instrumentVersion: number;
  result: Record<string, unknown> | null;
  resultHidden: boolean;
  answers: Record<string, { value: unknown; answeredBy: string; answeredAt: string }>;
  hiddenCategories: string[];
  missing: string[];
  completedAt: string | null;
  levelPreview: { level: string | null; reasons: { rule: string }[]; hiddenReasons: number };
};
type TFields = {
  error: { code: string; details: { fields: { field: string; message: string }[] } };
};

/** A very dependent person's home situation: three types of services, a tired caregiver. */
const HOME = HOME_ANSWERS;
const MEDICAL_ITEMS = [
  'conditions',
  'medicationCount',
  'falls6m',
  'hospitalStays6m',
  'emergencyVisits6m',
  'cognitionConcern',
  'moodConcern',
];
const AGGIR_GIR2 = AGGIR_GIR2_ANSWERS;

describe("a person's assessments, through the guard", () => {
  let t: TTestApp;
  let manager: TAgent;
  let nurse: TAgent;
  let social: TAgent;
  let outsider: TAgent;
  let admin: TAgent;
  let patient: TAgent;
  let personId: string;
  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    const nurseUser = await buildUser(db, { role: 'professional' });
    const socialUser = await buildUser(db, { role: 'social' });
    const person = await buildPerson(db, {
      caseManagerId: managerUser.memberId,
      team: [{ memberId: nurseUser.memberId! }, { memberId: socialUser.memberId! }],
    });
    personId = person.id;
    const patientUser = await buildUser(db, { role: 'patient', personId });
    const login = (email: string) => loginAs(t.app, email, TEST_PASSWORD);
    manager = await login(managerUser.email);
    nurse = await login(nurseUser.email);
    social = await login(socialUser.email);
    outsider = await login((await buildUser(db, { role: 'professional' })).email);
    admin = await login((await buildUser(db, { role: 'admin' })).email);
    patient = await login(patientUser.email);
  });
  after(() => t.close());

  const base = () => `/api/persons/${personId}/assessments`;
  const start = (agent: TAgent, instrumentId: string) =>
    agent.request('POST', base(), { instrumentId });
  const save = (agent: TAgent, id: string, answers: Record<string, unknown>) =>
    agent.request('PUT', `${base()}/${id}/answers`, { answers });
  const complete = (agent: TAgent, id: string) => agent.request('POST', `${base()}/${id}/complete`);
  const answerRows = async (id: string) =>
    JSON.stringify(
      await t.database.db
        .select()
        .from(assessmentAnswers)
        .where(eq(assessmentAnswers.assessmentId, id))
        .orderBy(assessmentAnswers.itemId),
    );
  const lastAudit = async (requestId: string) =>
    (
      await t.database.db
        .select({ action: auditLog.action, outcome: auditLog.outcome })
        .from(auditLog)
        .where(eq(auditLog.requestId, requestId))
        .orderBy(auditLog.seq)
    ).map((row) => `${row.action} ${row.outcome}`);

  let multiId: string;

  it('starts a draft of the latest version, one draft per instrument', async () => {
    const started = await start(manager, 'multidimensional');
    assert.equal(started.statusCode, 201, started.body);
    const draft = started.json<TDetail>();
    multiId = draft.id;
    assert.deepEqual([draft.state, draft.instrumentVersion, draft.result], ['draft', 1, null]);
    assert.ok(draft.missing.includes('medicationCount') && draft.missing.includes('urgency'));
    assert.ok(!draft.missing.includes('caregiverStrain'), 'needed only with a caregiver');

    const again = await start(nurse, 'multidimensional');
    assert.equal(again.statusCode, 409);
    assert.deepEqual(
      again.json<TFields>().error.details.fields.map((f) => f.field),
      ['instrumentId'],
    );
    const unknown = await start(manager, 'zarit');
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.json<TFields>().error.details.fields[0]!.message, /instrument inconnu/);
  });

  it('saves answers as they are typed, each with who and when; null clears one', async () => {
    const first = await save(nurse, multiId, { medicationCount: 7, conditions: ['diabetes'] });
    assert.equal(first.statusCode, 200, first.body);
    const answer = first.json<TDetail>().answers.medicationCount!;
    assert.deepEqual([answer.value, answer.answeredBy], [7, 'Test professional']);
    assert.ok(Date.now() - Date.parse(answer.answeredAt) < 60_000);
    const cleared = await save(manager, multiId, { conditions: null });
    assert.equal(cleared.json<TDetail>().answers.conditions, undefined);
    assert.ok(!cleared.json<TDetail>().missing.includes('medicationCount'));
  });

  it('refuses an answer that does not fit its item, naming it, and saves nothing', async () => {
    const before = await answerRows(multiId);
    const bad = await save(manager, multiId, {
      medicationCount: 2.5,
      falls6m: -1,
      cognitionConcern: 'oui',
      isolation: 'total',
      servicesInvolved: ['gp', 'gp'],
      urgency: 'same_day',
      nonsense: 1,
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json<TFields>().error.details.fields, [
      {
        field: 'answers.medicationCount',
        message: 'nombre entier attendu, dans les bornes de la question',
      },
      {
        field: 'answers.falls6m',
        message: 'nombre entier attendu, dans les bornes de la question',
      },
      { field: 'answers.cognitionConcern', message: 'oui ou non attendu' },
      {
        field: 'answers.isolation',
        message: 'valeur inconnue : choisissez dans la liste proposée',
      },
      {
        field: 'answers.servicesInvolved',
        message: 'liste de valeurs proposées par la question, sans doublon',
      },
      { field: 'answers.nonsense', message: 'question inconnue dans cet instrument' },
    ]);
    assert.equal(await answerRows(multiId), before);
  });

  it('leaves medical items out for a social role not granted, and audits both decisions', async () => {
    await save(manager, multiId, HOME);
    const read = await social.request('GET', `${base()}/${multiId}`);
    assert.equal(read.statusCode, 200);
    const seen = read.json<TDetail>();
    for (const id of MEDICAL_ITEMS) assert.equal(seen.answers[id], undefined, id);
    assert.equal(seen.answers.livesAlone?.value, false);
    assert.deepEqual(seen.hiddenCategories, ['medical']);
    assert.deepEqual([seen.result, seen.resultHidden], [null, true]);
    assert.deepEqual(await lastAudit(String(read.headers['x-request-id'])), [
      'assessment.read allowed',
      'assessment.read.medical denied',
    ]);

    const nurseView = (await nurse.request('GET', `${base()}/${multiId}`)).json<TDetail>();
    assert.equal(nurseView.answers.medicationCount?.value, 7);
    assert.equal(nurseView.result?.polypharmacy, true, 'a draft shows its live result');
    assert.deepEqual(
      [nurseView.levelPreview.level, nurseView.levelPreview.reasons.map((r) => r.rule)],
      ['coordination', ['several_service_types', 'several_dimensions', 'caregiver_exhausted']],
      'and the level it would give, with its reasons',
    );
    assert.deepEqual(
      seen.levelPreview.reasons.map((r) => r.rule),
      ['several_service_types', 'caregiver_exhausted'],
    );
    assert.equal(seen.levelPreview.hiddenReasons, 1);

    const before = await answerRows(multiId);
    const refused = await save(social, multiId, { livesAlone: true, medicationCount: 2 });
    assert.equal(refused.statusCode, 403);
    assert.equal(await answerRows(multiId), before);
    const allowed = await save(social, multiId, { livesAlone: true });
    assert.equal(allowed.statusCode, 200);
    assert.equal(allowed.json<TDetail>().answers.medicationCount, undefined);
  });

  it('completes a draft only when every required item is answered; then it never changes', async () => {
    const { urgency: _, ...withoutUrgency } = HOME;
    const { id } = (await start(manager, 'prisma7')).json<TDetail>();
    const incomplete = await complete(manager, id);
    assert.equal(incomplete.statusCode, 422);
    assert.equal(incomplete.json<TFields>().error.details.fields.length, 7);
    assert.equal(withoutUrgency.housing, 'own_home');

    const socialCompletes = await complete(social, multiId);
    assert.equal(socialCompletes.statusCode, 403, 'completing vouches for the medical items too');

    const done = await complete(manager, multiId);
    assert.equal(done.statusCode, 200, done.body);
    const completed = done.json<TDetail>();
    assert.equal(completed.state, 'completed');
    assert.equal(completed.result?.caregiverStrain, 8);
    assert.deepEqual(completed.result?.serviceTypes, ['gp', 'nursing', 'home_help']);
    assert.equal((await save(manager, multiId, { urgency: 'same_day' })).statusCode, 409);
    const twice = await complete(manager, multiId);
    assert.equal(twice.statusCode, 409);
    assert.match(
      twice.json<{ error: { message: string } }>().error.message,
      /commencez-en une nouvelle/,
    );
  });

  it('a new completed assessment supersedes the previous one', async () => {
    const next = (await start(nurse, 'multidimensional')).json<TDetail>();
    await save(nurse, next.id, { ...HOME, urgency: 'within_week' });
    assert.equal((await complete(nurse, next.id)).statusCode, 200);
    const states = await t.database.db
      .select({
        id: assessments.id,
        state: assessments.state,
        supersededBy: assessments.supersededBy,
      })
      .from(assessments)
      .where(
        and(eq(assessments.personId, personId), eq(assessments.instrumentId, 'multidimensional')),
      );
    assert.deepEqual(
      states.map((row) => [row.id, row.state, row.supersededBy]).sort(),
      [
        [multiId, 'superseded', next.id],
        [next.id, 'completed', null],
      ].sort(),
    );
    const list = (await manager.request('GET', base())).json<{ items: TDetail[] }>();
    assert.equal(list.items.length, 3);
  });

  it('gives the level with its reasons, leaving out to a social role those that read medical data', async () => {
    const none = await manager.request('GET', `/api/persons/${personId}/level`);
    assert.equal(none.json<{ level: string }>().level, 'coordination');

    const grid = (await start(manager, 'aggir')).json<TDetail>();
    await save(manager, grid.id, AGGIR_GIR2);
    const scored = await complete(manager, grid.id);
    assert.deepEqual(
      [scored.json<TDetail>().result?.gir, scored.json<TDetail>().result?.group],
      [2, 'A'], // CCBBBBCC: group A total 4268 ≥ 4140 → rank 2 → GIR 2
    );

    type TLevel = {
      level: string;
      label: { fr: string };
      reasons: { rule: string; category: string }[];
      hiddenReasons: number;
      gir: number;
      reassessmentDue: string;
    };
    const level = (await manager.request('GET', `/api/persons/${personId}/level`)).json<TLevel>();
    assert.equal(level.level, 'integration');
    assert.equal(level.label.fr, 'intégration complète');
    assert.equal(level.gir, 2);
    assert.deepEqual(
      level.reasons.map((reason) => reason.rule),
      [
        'very_dependent_many_services',
        'several_service_types',
        'dependent',
        'several_dimensions',
        'caregiver_exhausted',
      ],
    );
    assert.equal(level.hiddenReasons, 0);
    const completedAt = Date.parse(scored.json<TDetail>().completedAt!);
    assert.equal(
      Date.parse(level.reassessmentDue),
      completedAt + DEFAULT_LEVEL_SETTINGS.reassessmentDays.integration * 86_400_000,
    );

    const socialLevel = (
      await social.request('GET', `/api/persons/${personId}/level`)
    ).json<TLevel>();
    assert.equal(socialLevel.level, 'integration');
    assert.deepEqual(
      socialLevel.reasons.map((reason) => reason.rule),
      ['very_dependent_many_services', 'several_service_types', 'dependent', 'caregiver_exhausted'],
    );
    assert.equal(socialLevel.hiddenReasons, 1, 'several_dimensions read health and cognition');
  });

  it('is refused outside the care team (404), to network staff for social data, and read-only for the person', async () => {
    for (const agent of [outsider, admin]) {
      assert.equal((await agent.request('GET', base())).statusCode, 404);
      assert.equal((await agent.request('GET', `/api/persons/${personId}/level`)).statusCode, 404);
      assert.equal((await agent.request('GET', `${base()}/${multiId}`)).statusCode, 404);
    }
    assert.equal((await start(outsider, 'prisma7')).statusCode, 404);
    assert.equal((await start(admin, 'prisma7')).statusCode, 403, 'admin sees the person');
    const own = await patient.request('GET', base());
    assert.equal(own.statusCode, 200);
    assert.equal((await patient.request('GET', `/api/persons/${personId}/level`)).statusCode, 200);
    assert.equal((await start(patient, 'prisma7')).statusCode, 403);
  });
});
