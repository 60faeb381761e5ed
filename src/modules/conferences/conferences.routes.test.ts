import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  appointmentParticipants,
  auditLog,
  carePlanVersions,
  carePlans,
  pathwayEvents,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { insertAppointment } from '../agenda/agenda.repository.js';
import type { TConference } from './conferences.schemas.js';

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
    );
    assert.equal(written.statusCode, 200, written.body);
    assert.equal(written.json<TConference>().items[0]?.planVersion, 2);
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
    assert.deepEqual(decision?.data, { appointmentId: id, planVersion: 2 });
    assert.equal(decision?.category, 'social');
    assert.ok(events.some((e) => e.kind === 'plan.version_saved'));
    // final once written back
    const again = await agents.social.request(
      'POST',
      `/api/conferences/${id}/items/${item.id}/write-back`,
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
