/**
 * Issue 10, finding 1: network staff cannot take over an account — no live one-time link in what
 * admins read, one account per member and per person, a patient account given only by the
 * person's case manager through the guard.
 */
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { auditLog, outbox, users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildMember,
  buildPerson,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/helpers/factories.js';
import { deliverPendingMail } from '../mail/mail.service.js';

type TListedMail = {
  id: string;
  toAddress: string;
  body: string;
  sentAt: string | null;
  oneTimeLink: { purpose: string; state: string; revealable: boolean } | null;
};

const silentLog = { warn: () => undefined, error: () => undefined } as never;

describe('no account takeover by network staff', () => {
  let t: TTestApp;
  let admin: TAgent;
  let adminId: string;
  before(async () => {
    t = await createTestApp();
    const row = await buildUser(t.database.db, { role: 'admin' });
    adminId = row.id;
    admin = await loginAs(t.app, row.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const newestMailTo = async (email: string) =>
    (
      await t.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.toAddress, email))
        .orderBy(desc(outbox.createdAt))
        .limit(1)
    )[0]!;
  const listOutbox = async () => {
    const response = await admin.request('GET', '/api/admin/outbox');
    assert.equal(response.statusCode, 200, response.body);
    return response;
  };
  const listed = async (mailId: string) =>
    (await listOutbox()).json<{ items: TListedMail[] }>().items.find((m) => m.id === mailId)!;
  const auditOf = (action: string, requestId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.requestId, requestId)));

  it('never shows a password-reset link in the outbox, asked by the user or by an admin, before or after delivery', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: user.email },
    });
    assert.equal(asked.statusCode, 202);
    const selfService = await newestMailTo(user.email);
    const sent = await admin.request('POST', `/api/admin/users/${user.id}/password-reset`);
    assert.equal(sent.statusCode, 202);
    const byAdmin = await newestMailTo(user.email);
    assert.notEqual(selfService.id, byAdmin.id);

    for (const mail of [selfService, byAdmin]) {
      const token = /\/password-reset\/([\w-]+)/.exec(mail.link!)![1]!;
      const response = await listOutbox();
      assert.ok(!response.body.includes(token), 'no reset token anywhere in the listing');
      assert.ok(!response.body.includes('/password-reset/'), 'no reset link in the listing');
      const item = await listed(mail.id);
      assert.match(item.body, /\[…\]/, 'the link reads […]');
      assert.equal(item.oneTimeLink?.purpose, 'password_reset');
      assert.equal(item.oneTimeLink?.revealable, false);
      const reveal = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
      assert.equal(reveal.statusCode, 403);
      assert.match(reveal.json().error.message, /que par son destinataire/);
    }
    assert.equal((await listed(selfService.id)).oneTimeLink?.state, 'revoked', 'replaced');
    assert.equal((await listed(byAdmin.id)).oneTimeLink?.state, 'open');

    // Delivered through SMTP: the recipient got the link; it is then wiped from the outbox.
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const texts: string[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (message: SendMailOptions) => {
      texts.push(message.text as string);
      return original(message);
    };
    await deliverPendingMail(t.database.db, transport, 'Maillon <no-reply@test>', silentLog);
    assert.ok(
      texts.some((text) => text.includes(byAdmin.link!)),
      'the recipient gets the link',
    );
    const [delivered] = await t.database.db.select().from(outbox).where(eq(outbox.id, byAdmin.id));
    assert.equal(delivered!.link, null, 'no copy of the link is kept once sent');
    assert.ok(delivered!.sentAt);
    const after = await listOutbox();
    assert.ok(!after.body.includes('/password-reset/'));
  });

  it('audits every reading of the outbox', async () => {
    const response = await listOutbox();
    const [row] = await auditOf('mail.outbox_read', String(response.headers['x-request-id']));
    assert.ok(row, 'reading the outbox is audited');
    assert.equal(row.actorUserId, adminId);
    assert.equal(row.outcome, 'success');
  });

  it('lets an admin read an open invitation link for an account holding nothing, only without a mail server, and audits it', async () => {
    const invited = await admin.request('POST', '/api/admin/invitations', {
      email: 'nouvelle@msp.fr',
      displayName: 'Nina Nouvelle',
      role: 'professional',
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const mail = await newestMailTo('nouvelle@msp.fr');
    assert.ok(!mail.body.includes('/invitation/'), 'the stored body has no link');
    const item = await listed(mail.id);
    assert.deepEqual(item.oneTimeLink, {
      purpose: 'invitation',
      state: 'open',
      revealable: true,
      sentByReader: true,
      mailOnly: false,
    });
    assert.ok(!(await listOutbox()).body.includes('/invitation/'), 'not in the listing');

    const config = t.config as { smtpUrl: string | undefined };
    const smtpUrl = config.smtpUrl;
    config.smtpUrl = 'smtp://mail.example.invalid:25';
    try {
      const withMailer = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
      assert.equal(withMailer.statusCode, 409);
      assert.match(withMailer.json().error.message, /serveur de messagerie est configuré/);
    } finally {
      config.smtpUrl = smtpUrl;
    }

    const reveal = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
    assert.equal(reveal.statusCode, 200, reveal.body);
    const { link } = reveal.json<{ link: string }>();
    assert.equal(link, mail.link);
    const [audit] = await auditOf('invitation.link_reveal', String(reveal.headers['x-request-id']));
    assert.ok(audit, 'the reveal is audited');
    assert.equal(audit.actorUserId, adminId);
    assert.equal(audit.resourceId, invited.json().userId);

    const token = link.split('/').pop()!;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'une phrase de passe solide' },
    });
    assert.equal(accepted.statusCode, 200);
    const used = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
    assert.equal(used.statusCode, 403, 'the account now holds a password');
    assert.equal((await listed(mail.id)).oneTimeLink?.state, 'used');
  });

  it('sends the invitation of a member who already follows people only to their own address, and never reveals it', async () => {
    const member = await buildMember(t.database.db, { email: 'equipe@msp.fr' });
    await buildPerson(t.database.db, { team: [{ memberId: member.id }] });
    const elsewhere = await admin.request('POST', '/api/admin/invitations', {
      email: 'mon-adresse@dac.fr',
      displayName: 'Eva Équipe',
      role: 'professional',
      memberId: member.id,
    });
    assert.equal(elsewhere.statusCode, 422, 'not to an address the inviter chooses');
    assert.match(elsewhere.json().error.message, /adresse e-mail de sa fiche/);
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.memberId, member.id))).length,
      0,
    );
    const invited = await admin.request('POST', '/api/admin/invitations', {
      email: 'Equipe@msp.fr',
      displayName: 'Eva Équipe',
      role: 'professional',
      memberId: member.id,
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const mail = await newestMailTo('Equipe@msp.fr');
    const reveal = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
    assert.equal(reveal.statusCode, 403);
    assert.match(reveal.json().error.message, /donne déjà accès/);
  });

  it("lets no admin send a caseload to an address they just wrote on the member's entry", async () => {
    const member = await buildMember(t.database.db, { email: 'titulaire@msp.fr' });
    await buildPerson(t.database.db, { team: [{ memberId: member.id }] });
    const edited = await admin.request('PATCH', `/api/directory/members/${member.id}`, {
      email: 'relais@dac.fr',
      version: 1,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const invitation = {
      email: 'relais@dac.fr',
      displayName: 'Tom Titulaire',
      role: 'professional',
      memberId: member.id,
    };
    const refused = await admin.request('POST', '/api/admin/invitations', invitation);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().error.message, /autre administrateur·rice/);
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.memberId, member.id))).length,
      0,
    );
    // a second administrator checks the new address and sends it: two people, both audited
    const other = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
    const sent = await other.request('POST', '/api/admin/invitations', invitation);
    assert.equal(sent.statusCode, 201, sent.body);
  });

  it('refuses to re-send an invitation under another role (the old account would keep its own)', async () => {
    const email = `${randomUUID()}@msp.fr`;
    const first = await admin.request('POST', '/api/admin/invitations', {
      email,
      displayName: 'Rôle Un',
      role: 'professional',
    });
    assert.equal(first.statusCode, 201, first.body);
    const again = await admin.request('POST', '/api/admin/invitations', {
      email,
      displayName: 'Rôle Un',
      role: 'admin',
    });
    assert.equal(again.statusCode, 409, again.body);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
    assert.equal(user!.role, 'professional');
  });

  it('refuses to invite a directory member who already has an account, with a plain 409', async () => {
    const clinician = await buildUser(t.database.db, { role: 'coordinator' });
    const before = await t.database.db.select({ id: users.id }).from(users);
    const response = await admin.request('POST', '/api/admin/invitations', {
      email: 'double@msp.fr',
      displayName: 'Double Compte',
      role: 'coordinator',
      memberId: clinician.memberId,
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.json().error.message, /a déjà un compte/);
    assert.equal(response.json().error.details.fields[0].field, 'memberId');
    assert.equal((await t.database.db.select({ id: users.id }).from(users)).length, before.length);
  });

  it('keeps one account per member and per person in the database itself (a race cannot make two)', async () => {
    const clinician = await buildUser(t.database.db, { role: 'professional' });
    await assert.rejects(
      t.database.db.insert(users).values({
        email: 'second-member@msp.fr',
        displayName: 'Second',
        role: 'professional',
        memberId: clinician.memberId,
      }),
      (error: { cause?: { code?: string }; code?: string }) =>
        (error.cause?.code ?? error.code) === '23505',
    );
    const person = await buildPerson(t.database.db);
    await buildUser(t.database.db, { role: 'patient', personId: person.id });
    await assert.rejects(
      t.database.db.insert(users).values({
        email: 'second-person@home.fr',
        displayName: 'Second',
        role: 'patient',
        personId: person.id,
      }),
      (error: { cause?: { code?: string }; code?: string }) =>
        (error.cause?.code ?? error.code) === '23505',
    );
  });

  it("lets only the person's case manager give them an account, through the guard, audited either way", async () => {
    const caseManagerUser = await buildUser(t.database.db, { role: 'coordinator' });
    const colleagueUser = await buildUser(t.database.db, { role: 'coordinator' });
    const person = await buildPerson(t.database.db, {
      caseManagerId: caseManagerUser.memberId,
      team: [{ memberId: colleagueUser.memberId! }],
    });
    const caseManager = await loginAs(t.app, caseManagerUser.email, TEST_PASSWORD);
    const colleague = await loginAs(t.app, colleagueUser.email, TEST_PASSWORD);
    const url = `/api/persons/${person.id}/account-invitation`;
    const body = { email: 'jeanne@famille.fr', displayName: 'Jeanne Roux' };

    for (const [who, agent, status] of [
      ['admin', admin, 403],
      ['team colleague', colleague, 403],
    ] as const) {
      const refused = await agent.request('POST', url, body);
      assert.equal(refused.statusCode, status, `${who}: ${refused.body}`);
      const [audit] = await auditOf(
        'person.account_invite',
        String(refused.headers['x-request-id']),
      );
      assert.equal(audit?.outcome, 'denied', `${who}: the refusal is audited`);
    }
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.personId, person.id))).length,
      0,
    );

    const invited = await caseManager.request('POST', url, body);
    assert.equal(invited.statusCode, 201, invited.body);
    const [audit] = await auditOf('person.account_invite', String(invited.headers['x-request-id']));
    assert.equal(audit?.outcome, 'allowed');
    assert.equal(audit?.personId, person.id);
    const [account] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.id, invited.json().userId));
    assert.deepEqual([account!.role, account!.personId], ['patient', person.id]);

    const mail = await newestMailTo('jeanne@famille.fr');
    assert.equal((await listed(mail.id)).oneTimeLink?.revealable, false);
    const reveal = await admin.request('POST', `/api/admin/outbox/${mail.id}/link`);
    assert.equal(reveal.statusCode, 403, 'a patient account link goes by mail only');

    const second = await caseManager.request('POST', url, {
      email: 'autre@famille.fr',
      displayName: 'Autre Aidant',
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.json().error.message, /déjà un compte/);
  });
});
