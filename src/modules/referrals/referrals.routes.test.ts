import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  memberOrganisations,
  notifications,
  pathwayEvents,
  referralRecipients,
  referrals,
  supportRequests,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation, buildService } from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildSupportRequest } from '../../../test/helpers/request-factories.js';
import { moveToKeptRecord } from '../persons/person-identity.repository.js';
import { listOverdueReferrals } from './referrals.repository.js';
import type { TReferralView } from './referrals.schemas.js';

type TError = { error: { message: string } };

describe('closed-loop referrals', () => {
  let t: TTestApp;
  const agents = {} as Record<'manager' | 'nurse' | 'a1' | 'a2' | 'b1' | 'outsider', TAgent>;
  const users = {} as Record<keyof typeof agents, { id: string; memberId: string }>;
  let serviceA: string;
  let serviceB: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const roles = {
      manager: 'coordinator',
      nurse: 'professional',
      a1: 'professional',
      a2: 'social',
      b1: 'professional',
      outsider: 'professional',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, never][]) {
      const user = await buildUser(db, { role });
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
      users[key] = { id: user.id, memberId: user.memberId! };
    }
    const orgA = await buildOrganisation(db, { name: 'SSIAD du Valoux' });
    const orgB = await buildOrganisation(db, { name: 'Cabinet infirmier des Tilleuls' });
    serviceA = (await buildService(db, orgA.id, { name: 'Soins infirmiers à domicile' })).id;
    serviceB = (await buildService(db, orgB.id, { name: 'Soins à domicile' })).id;
    await db.insert(memberOrganisations).values([
      { memberId: users.a1.memberId, organisationId: orgA.id },
      { memberId: users.a2.memberId, organisationId: orgA.id },
      { memberId: users.b1.memberId, organisationId: orgB.id },
    ]);
  });
  after(() => t.close());

  const followed = () =>
    buildPerson(t.database.db, {
      caseManagerId: users.manager.memberId,
      team: [{ memberId: users.nurse.memberId }],
    });
  const send = async (personId: string, recipients: object[], urgency = 'within_7d') => {
    const response = await agents.manager.request('POST', `/api/persons/${personId}/referrals`, {
      reason: 'Toilette quotidienne et surveillance des plaies après la sortie d’hôpital',
      urgency,
      documents: 'Compte rendu d’hospitalisation du 2 décembre',
      recipients,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<TReferralView>();
  };
  const toBoth = () => [{ serviceId: serviceA }, { serviceId: serviceB }];
  const recipientOf = (view: TReferralView, serviceId: string) =>
    view.recipients.find((r) => r.serviceId === serviceId)!;
  const answer = (agent: TAgent, view: TReferralView, serviceId: string, body: object) =>
    agent.request(
      'POST',
      `/api/referrals/${view.id}/recipients/${recipientOf(view, serviceId).id}/answer`,
      body,
    );
  const inFuture = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

  it('sends one referral to several services at once; each one’s accounts are told', async () => {
    const person = await followed();
    const view = await send(person.id, toBoth());
    assert.equal(view.state, 'sent');
    assert.equal(view.view, 'full');
    assert.deepEqual(
      view.recipients.map((r) => r.state),
      ['pending', 'pending'],
    );
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/adressages/${view.id}`));
    assert.deepEqual(
      told.map((n) => n.userId).sort(),
      [users.a1.id, users.a2.id, users.b1.id].sort(),
    );
    assert.ok(told.every((n) => n.kind === 'referral.received' && n.personId === null));
    const [event] = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(and(eq(pathwayEvents.personId, person.id), eq(pathwayEvents.kind, 'referral.sent')));
    assert.equal(event?.sourceId, view.id);
    const listed = (await agents.nurse.request('GET', `/api/persons/${person.id}/referrals`)).json<{
      items: TReferralView[];
    }>();
    assert.deepEqual(
      listed.items.map((i) => i.id),
      [view.id],
    );
  });

  it('sends the documents themselves: recipients download them, strangers get 404, bad files nothing', async () => {
    const person = await followed();
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const path = `/api/persons/${person.id}/referrals`;
    const body = (name: string, content: Buffer) => ({
      reason: 'Pansements après la sortie',
      urgency: 'within_7d',
      recipients: toBoth(),
      attachments: [{ name, contentBase64: content.toString('base64') }],
    });
    const countReferrals = async () =>
      (await t.database.db.select().from(referrals).where(eq(referrals.personId, person.id)))
        .length;
    const exe = await agents.manager.request(
      'POST',
      path,
      body('compte-rendu.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])),
    );
    assert.equal(exe.statusCode, 415, exe.body);
    assert.equal(await countReferrals(), 0, 'nothing written');

    const sent = await agents.manager.request('POST', path, body('Compte rendu.pdf', pdf));
    assert.equal(sent.statusCode, 201, sent.body);
    const [file] = sent.json<TReferralView>().attachments;
    assert.equal(file?.fileName, 'Compte rendu.pdf');
    const referralId = sent.json<TReferralView>().id;
    const addressed = (
      await agents.a1.request('GET', `/api/referrals/${referralId}`)
    ).json<TReferralView>();
    assert.deepEqual(addressed.attachments, [file]);
    const url = `/api/referrals/${referralId}/attachments/${file.id}`;
    const got = await agents.b1.request('GET', url);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, pdf);
    assert.match(String(got.headers['content-disposition']), /^attachment;/);
    const refused = await agents.outsider.request('GET', url);
    assert.equal(refused.statusCode, 404);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'referral.attachment_download'),
          eq(auditLog.actorUserId, users.outsider.id),
        ),
      );
    assert.equal(audit?.outcome, 'denied');
  });

  it('shows a recipient outside the team what they decide on, audited, and not the record', async () => {
    const person = await followed();
    const view = await send(person.id, toBoth());
    const read = await agents.a1.request('GET', `/api/referrals/${view.id}`);
    assert.equal(read.statusCode, 200);
    const addressed = read.json<TReferralView>();
    assert.equal(addressed.view, 'addressed');
    assert.equal(addressed.subject?.lastName, person.lastName);
    assert.equal(addressed.subject?.commune, person.commune);
    assert.equal(typeof addressed.subject?.age, 'number');
    assert.equal(addressed.reason.startsWith('Toilette'), true);
    // only their own line, with the buttons the table allows
    assert.deepEqual(
      addressed.recipients.map((r) => [r.serviceId, r.mine, r.moves]),
      [[serviceA, true, ['accept', 'decline', 'request_info']]],
    );
    assert.equal((await agents.a1.request('GET', `/api/persons/${person.id}`)).statusCode, 404);
    const inbox = (await agents.a2.request('GET', '/api/referrals/inbox')).json<{
      items: TReferralView[];
    }>();
    assert.ok(inbox.items.some((i) => i.id === view.id && i.view === 'addressed'));
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'referral.read'), eq(auditLog.actorUserId, users.a1.id)))
      .orderBy(desc(auditLog.seq));
    assert.equal(audit?.outcome, 'allowed');
    assert.equal(audit?.personId, person.id);
    // a stranger: 404, audited as refused; the recipient may not follow it up (403)
    assert.equal(
      (await agents.outsider.request('GET', `/api/referrals/${view.id}`)).statusCode,
      404,
    );
    const [refused] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'referral.read'), eq(auditLog.actorUserId, users.outsider.id)),
      );
    assert.equal(refused?.outcome, 'denied');
    const cancel = await agents.a1.request('POST', `/api/referrals/${view.id}/cancel`, {
      outcome: 'x',
    });
    assert.equal(cancel.statusCode, 403);
  });

  it('fills on the first acceptance: the others are told and can no longer accept; the acceptor joins the team', async () => {
    const person = await followed();
    const view = await send(person.id, toBoth());
    const accepted = await answer(agents.a1, view, serviceA, {
      decision: 'accept',
      firstDate: inFuture,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const after = accepted.json<TReferralView>();
    assert.equal(after.state, 'filled');
    assert.ok(after.filledAt);
    // the acceptor is in the care team now, so reads all of it
    assert.equal(after.view, 'full');
    assert.deepEqual(
      [recipientOf(after, serviceA).state, recipientOf(after, serviceA).firstDate],
      ['accepted', inFuture],
    );
    assert.equal(recipientOf(after, serviceB).state, 'filled_by_other');
    assert.equal((await agents.a1.request('GET', `/api/persons/${person.id}`)).statusCode, 200);
    const db = t.database.db;
    const [membership] = await db
      .select()
      .from(careTeamMembers)
      .where(
        and(
          eq(careTeamMembers.personId, person.id),
          eq(careTeamMembers.memberId, users.a1.memberId),
        ),
      );
    assert.ok(membership && membership.until === null);
    const kinds = (
      await db.select().from(pathwayEvents).where(eq(pathwayEvents.personId, person.id))
    ).map((e) => e.kind);
    assert.ok(kinds.includes('referral.accepted') && kinds.includes('care_team.joined'));
    const filled = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, users.b1.id), eq(notifications.kind, 'referral.filled')));
    assert.equal(filled.length, 1);
    const late = await answer(agents.b1, view, serviceB, {
      decision: 'accept',
      firstDate: inFuture,
    });
    assert.equal(late.statusCode, 409);
    assert.equal(
      late.json<TError>().error.message,
      'Impossible de accepter : l’adressage est « pourvu ». Rechargez la page pour voir où il en est.',
    );
    const seen = (
      await agents.b1.request('GET', `/api/referrals/${view.id}`)
    ).json<TReferralView>();
    assert.deepEqual(
      [seen.state, seen.recipients[0]?.state, seen.recipients[0]?.moves],
      ['filled', 'filled_by_other', []],
    );
    // the requester completes it with an outcome: on the timeline
    const completed = await agents.manager.request('POST', `/api/referrals/${view.id}/complete`, {
      outcome: 'Passage quotidien mis en place',
    });
    assert.equal(completed.statusCode, 200, completed.body);
    assert.equal(completed.json<TReferralView>().state, 'completed');
    const again = await agents.manager.request('POST', `/api/referrals/${view.id}/cancel`, {
      outcome: 'x',
    });
    assert.equal(again.statusCode, 409);
  });

  it('gives exactly one winner to two acceptances at the same time', async () => {
    for (let round = 0; round < 3; round++) {
      const person = await followed();
      const view = await send(person.id, toBoth());
      const [first, second] = await Promise.all([
        answer(agents.a1, view, serviceA, { decision: 'accept', firstDate: inFuture }),
        answer(agents.b1, view, serviceB, { decision: 'accept', firstDate: inFuture }),
      ]);
      assert.deepEqual(
        [first.statusCode, second.statusCode].sort(),
        [200, 409],
        `${first.body} / ${second.body}`,
      );
      const rows = await t.database.db
        .select()
        .from(referralRecipients)
        .where(eq(referralRecipients.referralId, view.id));
      assert.deepEqual(rows.map((r) => r.state).sort(), ['accepted', 'filled_by_other']);
      const joined = await t.database.db
        .select()
        .from(careTeamMembers)
        .where(
          and(
            eq(careTeamMembers.personId, person.id),
            inArray(careTeamMembers.memberId, [users.a1.memberId, users.b1.memberId]),
          ),
        );
      assert.equal(joined.length, 1);
    }
  });

  it('declines with a reason; asks for information, answered by the requester, then pending again', async () => {
    const person = await followed();
    const view = await send(person.id, toBoth());
    const declined = await answer(agents.b1, view, serviceB, {
      decision: 'decline',
      reason: 'Pas de place avant janvier',
    });
    assert.equal(declined.statusCode, 200);
    assert.equal(
      recipientOf(declined.json(), serviceB).declineReason,
      'Pas de place avant janvier',
    );
    const asked = await answer(agents.a2, view, serviceA, {
      decision: 'request_info',
      question: 'Quel horaire de passage ?',
    });
    assert.equal(asked.statusCode, 200);
    const afterAsk = await agents.manager.request('GET', `/api/referrals/${view.id}`);
    const line = recipientOf(afterAsk.json(), serviceA);
    assert.deepEqual(
      [line.state, line.infoQuestion],
      ['info_requested', 'Quel horaire de passage ?'],
    );
    assert.ok(line.infoRequestedAt);
    const replied = await agents.manager.request(
      'POST',
      `/api/referrals/${view.id}/recipients/${line.id}/info-answer`,
      { answer: 'Le matin avant 9 h' },
    );
    assert.equal(replied.statusCode, 200, replied.body);
    const back = recipientOf(replied.json(), serviceA);
    assert.deepEqual([back.state, back.infoAnswer], ['pending', 'Le matin avant 9 h']);
    assert.ok(back.infoAnsweredAt);
    // declined is final for that recipient
    const twice = await answer(agents.b1, view, serviceB, {
      decision: 'accept',
      firstDate: inFuture,
    });
    assert.equal(twice.statusCode, 409);
    const kinds = (
      await t.database.db.select().from(pathwayEvents).where(eq(pathwayEvents.personId, person.id))
    ).map((e) => e.kind);
    assert.ok(kinds.includes('referral.declined'));
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, users.manager.id),
          eq(notifications.kind, 'referral.answered'),
        ),
      );
    assert.ok(told.length >= 2);
  });

  it('refuses an unknown recipient, a past first date, and a non-member sender, writing nothing', async () => {
    const person = await followed();
    const before = await t.database.db
      .select()
      .from(referrals)
      .where(eq(referrals.personId, person.id));
    const unknown = await agents.manager.request('POST', `/api/persons/${person.id}/referrals`, {
      reason: 'Kiné',
      urgency: 'within_30d',
      recipients: [{ serviceId: '00000000-0000-4000-8000-000000000000' }],
    });
    assert.equal(unknown.statusCode, 422);
    const stranger = await agents.outsider.request('POST', `/api/persons/${person.id}/referrals`, {
      reason: 'Kiné',
      urgency: 'within_30d',
      recipients: [{ serviceId: serviceA }],
    });
    assert.equal(stranger.statusCode, 404);
    const after = await t.database.db
      .select()
      .from(referrals)
      .where(eq(referrals.personId, person.id));
    assert.equal(after.length, before.length);
    const view = await send(person.id, [{ serviceId: serviceA }]);
    const past = await answer(agents.a1, view, serviceA, {
      decision: 'accept',
      firstDate: '2020-01-01',
    });
    assert.equal(past.statusCode, 422);
  });

  it('turns a request redirected at triage into a referral to that service, personless if need be', async () => {
    const db = t.database.db;
    const admin = await loginAs(
      t.app,
      (await buildUser(db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
    const request = await buildSupportRequest(db, { urgency: 'same_day', personCommune: 'Brives' });
    const redirected = await admin.request('POST', `/api/requests/${request.id}/redirect`, {
      serviceId: serviceA,
      note: 'Le SSIAD peut passer dès demain',
    });
    assert.equal(redirected.statusCode, 200, redirected.body);
    const [row] = await db
      .select()
      .from(referrals)
      .where(eq(referrals.supportRequestId, request.id));
    assert.deepEqual([row?.personId, row?.urgency, row?.state], [null, 'within_24h', 'sent']);
    const seen = (
      await agents.a1.request('GET', `/api/referrals/${row!.id}`)
    ).json<TReferralView>();
    assert.deepEqual(
      [seen.view, seen.subject?.lastName, seen.subject?.commune],
      ['addressed', request.personLastName, 'Brives'],
    );
    const accepted = await answer(agents.a1, seen, serviceA, {
      decision: 'accept',
      firstDate: inFuture,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const [state] = await db
      .select({ state: supportRequests.state })
      .from(supportRequests)
      .where(eq(supportRequests.id, request.id));
    assert.equal(state?.state, 'redirected');
  });

  it('lists the referrals unanswered past their urgency’s delay for the alerts', async () => {
    const db = t.database.db;
    const person = await followed();
    const urgent = await send(person.id, [{ serviceId: serviceA }], 'within_24h');
    const month = await send(person.id, [{ serviceId: serviceB }], 'within_30d');
    const filled = await send(person.id, [{ serviceId: serviceA }], 'within_24h');
    await answer(agents.a1, filled, serviceA, { decision: 'accept', firstDate: inFuture });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await db
      .update(referrals)
      .set({ createdAt: twoDaysAgo })
      .where(inArray(referrals.id, [urgent.id, month.id, filled.id]));
    const now = new Date();
    const overdue = (await listOverdueReferrals(db, now)).filter((o) => o.personId === person.id);
    assert.deepEqual(
      overdue.map((o) => [o.referralId, o.requesterUserId]),
      [[urgent.id, users.manager.id]],
    );
    const late = overdue[0]!.lateByMs;
    assert.ok(Math.abs(late - 86_400_000) < 60_000, String(late));
    const shown = (
      await agents.manager.request('GET', `/api/referrals/${urgent.id}`)
    ).json<TReferralView>();
    assert.equal(shown.overdue, true);
  });

  it('follows the person when their record is merged into another', async () => {
    const db = t.database.db;
    const duplicate = await followed();
    const kept = await followed();
    const view = await send(duplicate.id, [{ serviceId: serviceA }]);
    await db.transaction((tx) => moveToKeptRecord(tx, duplicate.id, kept.id));
    const [row] = await db.select().from(referrals).where(eq(referrals.id, view.id));
    assert.equal(row?.personId, kept.id);
  });
});
