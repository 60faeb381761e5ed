import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  appointmentParticipants,
  auditLog,
  carePlanVersions,
  carePlans,
  conferenceItems,
  pathwayEvents,
  persons,
} from '../../db/schema/index.js';
import { auditDecisions } from '../../../test/helpers/audit-decisions.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { insertAppointment } from '../agenda/agenda.repository.js';
import type { TConference, TConferenceCandidates } from './conferences.schemas.js';

type TError = { error: { message: string; details?: { fields?: { field: string }[] } } };

describe('case conferences', () => {
  let t: TTestApp;
  const keys = ['organiser', 'nurse', 'social', 'outsider', 'stranger'] as const;
  const agents = {} as Record<(typeof keys)[number], TAgent>;
  const users = {} as Record<(typeof keys)[number], { id: string; memberId: string }>;

  before(async () => {
    t = await createTestApp();
    const roles = {
      organiser: 'coordinator',
      nurse: 'professional',
      social: 'social',
      outsider: 'professional',
      stranger: 'professional',
    } as const;
    for (const key of keys) {
      const user = await buildUser(t.database.db, { role: roles[key] });
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
      users[key] = { id: user.id, memberId: user.memberId! };
    }
  });
  after(() => t.close());

  /** A conference organised by 'organiser' with nurse, social and outsider taking part. */
  const conference = async (status: 'planned' | 'cancelled' = 'planned') => {
    const start = new Date(Date.now() + 86_400_000);
    const row = await insertAppointment(
      t.database.db,
      {
        kind: 'case_conference',
        status,
        title: 'Concertation du secteur nord',
        place: 'remote',
        startsAt: start,
        endsAt: new Date(start.getTime() + 3_600_000),
        organiserMemberId: users.organiser.memberId,
      },
      [
        users.organiser.memberId,
        users.nurse.memberId,
        users.social.memberId,
        users.outsider.memberId,
      ],
    );
    return row.id;
  };
  /** A person followed by the organiser (case manager) with nurse and social in the team. */
  const followed = () =>
    buildPerson(t.database.db, {
      caseManagerId: users.organiser.memberId,
      team: [{ memberId: users.nurse.memberId }, { memberId: users.social.memberId }],
    });
  const add = async (agent: TAgent, id: string, personId: string) =>
    agent.request('POST', `/api/conferences/${id}/items`, { personId });

  it('puts persons of the organiser’s teams on the agenda, in order, and reorders them', async () => {
    const id = await conference();
    const first = await followed();
    const second = await followed();
    assert.equal((await add(agents.organiser, id, first.id)).statusCode, 201);
    const added = await add(agents.nurse, id, second.id);
    assert.equal(added.statusCode, 201, added.body);
    const view = added.json<TConference>();
    assert.deepEqual(
      view.items.map((i) => i.personId),
      [first.id, second.id],
    );
    assert.equal((await add(agents.organiser, id, first.id)).statusCode, 409);
    const reordered = await agents.social.request('PUT', `/api/conferences/${id}/order`, {
      itemIds: [view.items[1]!.id, view.items[0]!.id],
    });
    assert.equal(reordered.statusCode, 200, reordered.body);
    assert.deepEqual(
      reordered.json<TConference>().items.map((i) => i.personId),
      [second.id, first.id],
    );
    const partial = await agents.social.request('PUT', `/api/conferences/${id}/order`, {
      itemIds: [view.items[1]!.id],
    });
    assert.equal(partial.statusCode, 422);
    const removed = await agents.organiser.request(
      'DELETE',
      `/api/conferences/${id}/items/${view.items[0]!.id}`,
    );
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(
      removed.json<TConference>().items.map((i) => i.personId),
      [second.id],
    );
  });

  it('refuses a person outside the organiser’s teams with 422 naming them, changing nothing', async () => {
    const id = await conference();
    // nurse's patient, not followed by the organiser
    const person = await buildPerson(t.database.db, { team: [{ memberId: users.nurse.memberId }] });
    const refused = await add(agents.nurse, id, person.id);
    assert.equal(refused.statusCode, 422, refused.body);
    const error = refused.json<TError>().error;
    assert.match(error.message, new RegExp(person.lastName));
    assert.match(error.message, /organisateur/);
    assert.equal(error.details?.fields?.[0]?.field, 'personId');
    const view = (await agents.nurse.request('GET', `/api/conferences/${id}`)).json<TConference>();
    assert.deepEqual(view.items, []);
    // a person the one who adds may not see at all: 404, as if it did not exist
    const hidden = await followed();
    assert.equal((await add(agents.outsider, id, hidden.id)).statusCode, 404);
  });

  it('shows a participant outside a person’s team only “a person”, audited; strangers get 404', async () => {
    const id = await conference();
    const person = await followed();
    await add(agents.organiser, id, person.id);
    const item = (
      await agents.organiser.request('GET', `/api/conferences/${id}`)
    ).json<TConference>().items[0]!;
    await agents.nurse.request('PUT', `/api/conferences/${id}/items/${item.id}/decision`, {
      decision: 'Passage infirmier quotidien renforcé',
    });
    const read = await agents.outsider.request('GET', `/api/conferences/${id}`);
    assert.equal(read.statusCode, 200, read.body);
    const [seen] = read.json<TConference>().items;
    assert.deepEqual(
      [seen?.visible, seen?.personId, seen?.personName, seen?.decision],
      [false, null, null, null],
    );
    assert.ok(!read.body.includes(person.lastName));
    assert.ok(!read.body.includes('infirmier quotidien'));
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.requestId, String(read.headers['x-request-id'])),
          eq(auditLog.action, 'conference.item.read'),
        ),
      );
    assert.equal(audit?.outcome, 'denied');
    assert.equal(audit?.personId, person.id);
    const nurse = (await agents.nurse.request('GET', `/api/conferences/${id}`)).json<TConference>();
    assert.equal(nurse.items[0]?.personName, `${person.firstName} ${person.lastName}`);
    assert.equal(nurse.items[0]?.decision, 'Passage infirmier quotidien renforcé');
    // not taking part: 404, the refusal audited
    const stranger = await agents.stranger.request('GET', `/api/conferences/${id}`);
    assert.equal(stranger.statusCode, 404);
    const [refusal] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(stranger.headers['x-request-id'])));
    assert.equal(refusal?.outcome, 'denied');
    // and the outsider cannot write the decision of a person they may not see
    const write = await agents.outsider.request(
      'PUT',
      `/api/conferences/${id}/items/${item.id}/decision`,
      { decision: 'Autre chose' },
    );
    assert.equal(write.statusCode, 404);
  });

  it('records attendance per participant', async () => {
    const id = await conference();
    const set = await agents.organiser.request(
      'PUT',
      `/api/conferences/${id}/participants/${users.nurse.memberId}/attendance`,
      { attendance: 'excused' },
    );
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(
      set.json<TConference>().participants.find((p) => p.memberId === users.nurse.memberId)
        ?.attendance,
      'excused',
    );
    const [row] = await t.database.db
      .select()
      .from(appointmentParticipants)
      .where(
        and(
          eq(appointmentParticipants.appointmentId, id),
          eq(appointmentParticipants.memberId, users.nurse.memberId),
        ),
      );
    assert.equal(row?.attendance, 'excused');
    const unknown = await agents.organiser.request(
      'PUT',
      `/api/conferences/${id}/participants/${users.stranger.memberId}/attendance`,
      { attendance: 'present' },
    );
    assert.equal(unknown.statusCode, 404);
    const cancelled = await conference('cancelled');
    const refused = await agents.organiser.request(
      'PUT',
      `/api/conferences/${cancelled}/participants/${users.nurse.memberId}/attendance`,
      { attendance: 'present' },
    );
    assert.equal(refused.statusCode, 409);
  });

  it('writes each decision back into the person’s plan (a new version) and onto the timeline', async () => {
    const id = await conference();
    const person = await followed();
    const firstPlan = await agents.organiser.request('PUT', `/api/persons/${person.id}/plan`, {
      baseVersion: 0,
      content: { priorities: 'Rester à domicile' },
    });
    assert.equal(firstPlan.statusCode, 200, firstPlan.body);
    await add(agents.organiser, id, person.id);
    const item = (
      await agents.organiser.request('GET', `/api/conferences/${id}`)
    ).json<TConference>().items[0]!;
    const early = await agents.social.request(
      'POST',
      `/api/conferences/${id}/items/${item.id}/write-back`,
      {},
    );
    assert.equal(early.statusCode, 422, 'no decision yet');
    const decided = await agents.social.request(
      'PUT',
      `/api/conferences/${id}/items/${item.id}/decision`,
      { decision: 'Demande d’APA à déposer avant la fin du mois' },
    );
    assert.equal(decided.statusCode, 200, decided.body);
    const written = await agents.social.request(
      'POST',
      `/api/conferences/${id}/items/${item.id}/write-back`,
      {},
    );
    assert.equal(written.statusCode, 200, written.body);
    assert.equal(written.json<TConference>().items[0]?.planVersion, 2);
    assert.equal(written.json<TConference>().items[0]?.planActionId, null, 'words: no action');
    const plan = (await agents.organiser.request('GET', `/api/persons/${person.id}/plan`)).json<{
      version: number;
      content: { priorities: string };
    }>();
    assert.equal(plan.version, 2);
    assert.match(
      plan.content.priorities,
      /^Rester à domicile\nConcertation du \d\d\/\d\d\/\d{4} : Demande d’APA à déposer avant la fin du mois$/,
    );
    const [carePlan] = await t.database.db
      .select()
      .from(carePlans)
      .where(eq(carePlans.personId, person.id));
    const versions = await t.database.db
      .select()
      .from(carePlanVersions)
      .where(eq(carePlanVersions.planId, carePlan!.id));
    assert.equal(versions.length, 2, 'the first version is kept, a new one saved');
    const events = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(eq(pathwayEvents.personId, person.id));
    const decision = events.find((e) => e.kind === 'conference.decision');
    assert.deepEqual(decision?.data, { appointmentId: id, planVersion: 2, actionId: null });
    assert.equal(decision?.category, 'social');
    assert.ok(events.some((e) => e.kind === 'plan.version_saved'));
    // final once written back
    const again = await agents.social.request(
      'POST',
      `/api/conferences/${id}/items/${item.id}/write-back`,
      {},
    );
    assert.equal(again.statusCode, 409);
    const edit = await agents.social.request(
      'PUT',
      `/api/conferences/${id}/items/${item.id}/decision`,
      { decision: 'Autre' },
    );
    assert.equal(edit.statusCode, 409);
    const remove = await agents.organiser.request(
      'DELETE',
      `/api/conferences/${id}/items/${item.id}`,
    );
    assert.equal(remove.statusCode, 409);
  });

  it('starts the plan when the person has none yet', async () => {
    const id = await conference();
    const person = await followed();
    await add(agents.organiser, id, person.id);
    const item = (
      await agents.organiser.request('GET', `/api/conferences/${id}`)
    ).json<TConference>().items[0]!;
    await agents.organiser.request('PUT', `/api/conferences/${id}/items/${item.id}/decision`, {
      decision: 'Ouvrir un plan de coordination',
    });
    const written = await agents.organiser.request(
      'POST',
      `/api/conferences/${id}/items/${item.id}/write-back`,
      {},
    );
    assert.equal(written.statusCode, 200, written.body);
    assert.equal(written.json<TConference>().items[0]?.planVersion, 1);
  });

  it('answers 404 for an appointment that is not a case conference', async () => {
    const start = new Date(Date.now() + 86_400_000);
    const visit = await insertAppointment(
      t.database.db,
      {
        kind: 'home_visit',
        place: 'home',
        startsAt: start,
        endsAt: new Date(start.getTime() + 1_800_000),
        organiserMemberId: users.organiser.memberId,
      },
      [users.organiser.memberId],
    );
    assert.equal(
      (await agents.organiser.request('GET', `/api/conferences/${visit.id}`)).statusCode,
      404,
    );
  });
});

describe('case conferences: the person picker and decisions as plan actions (decision 039)', () => {
  let t: TTestApp;
  const keys = ['organiser', 'nurse', 'outsider', 'stranger'] as const;
  const agents = {} as Record<(typeof keys)[number], TAgent>;
  const users = {} as Record<(typeof keys)[number], { id: string; memberId: string }>;
  let id = '';

  before(async () => {
    t = await createTestApp();
    for (const key of keys) {
      const user = await buildUser(t.database.db, {
        role: key === 'organiser' ? 'coordinator' : 'professional',
      });
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
      users[key] = { id: user.id, memberId: user.memberId! };
    }
    const start = new Date(Date.now() + 86_400_000);
    const row = await insertAppointment(
      t.database.db,
      {
        kind: 'case_conference',
        title: 'Concertation',
        place: 'remote',
        startsAt: start,
        endsAt: new Date(start.getTime() + 3_600_000),
        organiserMemberId: users.organiser.memberId,
      },
      [users.organiser.memberId, users.nurse.memberId, users.outsider.memberId],
    );
    id = row.id;
  });
  after(() => t.close());

  /** A person with these names, followed as asked. */
  const named = async (
    names: { firstName: string; lastName: string; birthDate?: string },
    options: Parameters<typeof buildPerson>[1],
  ) => {
    const person = await buildPerson(t.database.db, options);
    await t.database.db
      .update(persons)
      .set({ birthDate: '1938-04-12', ...names })
      .where(eq(persons.id, person.id));
    return { ...person, ...names };
  };
  const search = (agent: TAgent, q: string) =>
    agent.request('GET', `/api/conferences/${id}/candidates?q=${encodeURIComponent(q)}`);
  const auditOf = (response: { headers: Record<string, unknown> }, action: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.requestId, String(response.headers['x-request-id'])),
          eq(auditLog.action, action),
        ),
      );

  /** The guard's decisions of a request, one per person (decision 056: a list's row holds them). */
  const decisionsOf = (response: { headers: Record<string, unknown> }, action: string) =>
    auditDecisions(t.database.db, {
      requestId: String(response.headers['x-request-id']),
      action,
    });

  it('finds the organiser’s persons by name words (accents, case, order aside) and birth date, audited', async () => {
    const lefevre = await named(
      { firstName: 'Hélène', lastName: 'Lefèvre-Picard', birthDate: '1941-03-05' },
      { caseManagerId: users.organiser.memberId, team: [{ memberId: users.nurse.memberId }] },
    );
    const homonym = await named(
      { firstName: 'Henri', lastName: 'Lefèvre-Picard', birthDate: '1950-01-02' },
      { team: [{ memberId: users.organiser.memberId }, { memberId: users.nurse.memberId }] },
    );
    // followed by the nurse only: never offered, even to the nurse
    const nursesOnly = await named(
      { firstName: 'Hugo', lastName: 'Lefèvre-Picard' },
      { team: [{ memberId: users.nurse.memberId }] },
    );
    // the organiser's membership ended: not offered
    const former = await named(
      { firstName: 'Hortense', lastName: 'Lefèvre-Picard' },
      { team: [{ memberId: users.organiser.memberId, ended: true }] },
    );

    const byName = await search(agents.nurse, 'picard LEFEVRE');
    assert.equal(byName.statusCode, 200, byName.body);
    const found = byName.json<TConferenceCandidates>();
    assert.deepEqual(found.items.map((p) => p.id).sort(), [lefevre.id, homonym.id].sort());
    assert.equal(found.more, false);
    assert.ok(!byName.body.includes(nursesOnly.id) && !byName.body.includes(former.id));

    const byPrefix = (await search(agents.nurse, 'hél lef')).json<TConferenceCandidates>();
    assert.deepEqual(
      byPrefix.items.map((p) => p.id),
      [lefevre.id],
    );
    const byDate = (await search(agents.organiser, '05/03/1941')).json<TConferenceCandidates>();
    assert.deepEqual(
      byDate.items.map((p) => [p.id, p.birthDate]),
      [[lefevre.id, '1941-03-05']],
    );
    const both = (
      await search(agents.organiser, 'lefevre 02/01/1950')
    ).json<TConferenceCandidates>();
    assert.deepEqual(
      both.items.map((p) => p.id),
      [homonym.id],
    );

    // each person answered is a guard decision with their id; the search is counted, not quoted
    const decisions = await decisionsOf(byName, 'conference.candidate');
    assert.deepEqual(
      decisions.map((row) => [row.personId, row.outcome]).sort(),
      [
        [lefevre.id, 'allowed'],
        [homonym.id, 'allowed'],
      ].sort(),
    );
    const [searched] = await auditOf(byName, 'conference.candidates');
    assert.deepEqual(searched?.details, { matched: 2, answered: 2 });
    assert.ok(!JSON.stringify(searched).toLowerCase().includes('picard'));
  });

  it('leaves out the persons the searcher may not see, audits the refusal, marks those listed', async () => {
    const person = await named(
      { firstName: 'Odette', lastName: 'Marchal' },
      { caseManagerId: users.organiser.memberId },
    );
    // the outsider takes part but is not in Odette's team: the guard refuses, audited
    const outsider = await search(agents.outsider, 'marchal');
    assert.equal(outsider.statusCode, 200, outsider.body);
    assert.deepEqual(outsider.json<TConferenceCandidates>().items, []);
    assert.ok(!outsider.body.includes('Odette'));
    const [refused] = await decisionsOf(outsider, 'conference.candidate');
    assert.equal(refused?.outcome, 'denied');
    assert.equal(refused?.personId, person.id);
    // and adding her by id: 404, as if she did not exist, the refusal audited
    const added = await agents.outsider.request('POST', `/api/conferences/${id}/items`, {
      personId: person.id,
    });
    assert.equal(added.statusCode, 404, added.body);
    const [addRefused] = await auditOf(added, 'conference.item.add');
    assert.equal(addRefused?.outcome, 'denied');
    assert.equal(addRefused?.personId, person.id);

    await agents.organiser.request('POST', `/api/conferences/${id}/items`, { personId: person.id });
    const listed = (await search(agents.organiser, 'odette')).json<TConferenceCandidates>();
    assert.deepEqual(
      listed.items.map((p) => [p.id, p.listed]),
      [[person.id, true]],
    );
  });

  it('answers 404 to someone who does not take part, audited, and 400 to a one-letter search', async () => {
    const stranger = await search(agents.stranger, 'marchal');
    assert.equal(stranger.statusCode, 404);
    const [refusal] = await auditOf(stranger, 'conference.open');
    assert.equal(refusal?.outcome, 'denied');
    assert.equal((await search(agents.organiser, 'm')).statusCode, 400);
  });

  /** A person followed by the organiser, with a plan holding one social need and one goal. */
  const planned = async () => {
    const person = await buildPerson(t.database.db, {
      caseManagerId: users.organiser.memberId,
      team: [{ memberId: users.nurse.memberId }],
    });
    const needId = randomUUID();
    const goalId = randomUUID();
    const saved = await agents.organiser.request('PUT', `/api/persons/${person.id}/plan`, {
      baseVersion: 0,
      content: {
        priorities: 'Rester à domicile',
        needs: [{ id: needId, code: 'income', text: 'Ressources insuffisantes' }],
        goals: [{ id: goalId, needId, code: 'status', text: 'Droits ouverts' }],
      },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    await agents.organiser.request('POST', `/api/conferences/${id}/items`, {
      personId: person.id,
    });
    const view = (
      await agents.organiser.request('GET', `/api/conferences/${id}`)
    ).json<TConference>();
    const item = view.items.find((i) => i.personId === person.id)!;
    await agents.nurse.request('PUT', `/api/conferences/${id}/items/${item.id}/decision`, {
      decision: 'Dossier APA à déposer par l’infirmière',
    });
    return { person, goalId, itemId: item.id };
  };
  type TPlanRead = {
    version: number;
    content: {
      priorities: string;
      actions: { id: string; goalId: string; text: string; who: unknown; start: string | null }[];
    };
  };

  it('writes a decision into the plan as an action (what, who, when), a new version and an event', async () => {
    const { person, goalId, itemId } = await planned();
    const written = await agents.nurse.request(
      'POST',
      `/api/conferences/${id}/items/${itemId}/write-back`,
      {
        action: {
          goalId,
          text: 'Déposer le dossier APA',
          whoMemberId: users.nurse.memberId,
          start: '2026-12-07',
          end: '2026-12-31',
        },
      },
    );
    assert.equal(written.statusCode, 200, written.body);
    const plan = (
      await agents.organiser.request('GET', `/api/persons/${person.id}/plan`)
    ).json<TPlanRead>();
    assert.equal(plan.version, 2);
    assert.equal(plan.content.priorities, 'Rester à domicile', 'priorities untouched');
    const [action] = plan.content.actions;
    assert.equal(plan.content.actions.length, 1);
    assert.deepEqual(
      [action?.goalId, action?.text, action?.who, action?.start],
      [
        goalId,
        'Déposer le dossier APA',
        { kind: 'member', memberId: users.nurse.memberId },
        '2026-12-07',
      ],
    );
    const events = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(eq(pathwayEvents.personId, person.id));
    const decision = events.find((e) => e.kind === 'conference.decision');
    assert.deepEqual(decision?.data, { appointmentId: id, planVersion: 2, actionId: action?.id });
    assert.equal(events.filter((e) => e.kind === 'plan.version_saved').length, 2);
    // the item itself says which action it became (decision 044), to readers of the person
    const item = written.json<TConference>().items.find((i) => i.id === itemId);
    assert.deepEqual([item?.planVersion, item?.planActionId], [2, action?.id]);
    const [stored] = await t.database.db
      .select({ planActionId: conferenceItems.planActionId })
      .from(conferenceItems)
      .where(eq(conferenceItems.id, itemId));
    assert.equal(stored?.planActionId, action?.id);
  });

  it('refuses an action for someone outside the care team, an unknown goal or dates in reverse, changing nothing', async () => {
    const { person, goalId, itemId } = await planned();
    const action = {
      goalId,
      text: 'Déposer le dossier APA',
      whoMemberId: users.nurse.memberId,
      start: '2026-12-07',
    };
    const cases = [
      [
        { ...action, whoMemberId: users.outsider.memberId },
        'action.whoMemberId',
        /cercle de soins/,
      ],
      [{ ...action, goalId: randomUUID() }, 'action.goalId', /objectif/],
      [{ ...action, end: '2026-12-01' }, 'action.end', /fin/],
    ] as const;
    for (const [body, field, message] of cases) {
      const refused = await agents.nurse.request(
        'POST',
        `/api/conferences/${id}/items/${itemId}/write-back`,
        { action: body },
      );
      assert.equal(refused.statusCode, 422, refused.body);
      const error = refused.json<TError>().error;
      assert.equal(error.details?.fields?.[0]?.field, field);
      assert.match(error.message, message);
    }
    const plan = (
      await agents.organiser.request('GET', `/api/persons/${person.id}/plan`)
    ).json<TPlanRead>();
    assert.equal(plan.version, 1);
    const view = (await agents.nurse.request('GET', `/api/conferences/${id}`)).json<TConference>();
    assert.equal(view.items.find((i) => i.id === itemId)?.planVersion, null);
    // the free-text way stays: the decision in words into the priorities
    const inWords = await agents.nurse.request(
      'POST',
      `/api/conferences/${id}/items/${itemId}/write-back`,
      { action: null },
    );
    assert.equal(inWords.statusCode, 200, inWords.body);
    const after = (
      await agents.organiser.request('GET', `/api/persons/${person.id}/plan`)
    ).json<TPlanRead>();
    assert.match(after.content.priorities, /Concertation du .* : Dossier APA/);
    assert.deepEqual(after.content.actions, []);
  });
});
