import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, invitations, outbox, users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

describe('invitations', () => {
  let t: TTestApp;
  let admin: TAgent;
  before(async () => {
    t = await createTestApp();
    admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
  });
  after(() => t.close());

  async function invite(email: string, extra: Record<string, unknown> = {}) {
    const response = await admin.request('POST', '/api/admin/invitations', {
      email,
      displayName: 'Marie Curie',
      role: 'professional',
      ...extra,
    });
    assert.equal(response.statusCode, 201, response.body);
    const [mail] = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, email))
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    // the link is kept apart from the body admins read (outbox.link), for the mailer alone
    const token = /\/invitation\/([\w-]+)/.exec(mail!.link!)![1]!;
    return { ...response.json<{ id: string; userId: string; expiresAt: string }>(), token };
  }

  it('invites by e-mail: the mail in the outbox carries a one-time link to choose a password', async () => {
    const { token, userId } = await invite('marie@msp.fr');
    const view = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().email, 'marie@msp.fr');
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'radium polonium 1898' },
    });
    assert.equal(accept.statusCode, 200);
    assert.equal(accept.json().session.user.id, userId);
    await loginAs(t.app, 'marie@msp.fr', 'radium polonium 1898');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'another password 123' },
    });
    assert.equal(again.statusCode, 410);
    assert.equal(again.json().error.code, 'gone');
  });

  it('gives the new member a directory profile', async () => {
    const { userId } = await invite('pierre@ssiad.fr');
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    assert.ok(user!.memberId);
    assert.equal(user!.status, 'invited');
  });

  it('never reactivates an account disabled while its invitation was open', async () => {
    const { token, userId } = await invite('desactivee@msp.fr');
    const disabled = await admin.request('POST', `/api/admin/users/${userId}/disable`);
    assert.equal(disabled.statusCode, 200, disabled.body);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'radium polonium 1898' },
    });
    assert.equal(accept.statusCode, 410, accept.body);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    assert.equal(user!.status, 'disabled');
    assert.equal(user!.passwordHash, null);
  });

  it('refuses an expired link with a 410 and changes nothing', async () => {
    const { token, userId } = await invite('late@cpts.fr');
    await t.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.userId, userId));
    const view = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    assert.equal(view.statusCode, 410);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'too late password' },
    });
    assert.equal(accept.statusCode, 410);
    assert.match(accept.json().error.message, /expiré/);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    assert.deepEqual([user!.status, user!.passwordHash], ['invited', null]);
  });

  it('answers 404 to an unknown link and 422 to a weak password, changing nothing', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/invitations/${'x'.repeat(43)}`,
    });
    assert.equal(unknown.statusCode, 404);
    const { token, userId } = await invite('weak@msp.fr');
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { password: 'short' },
    });
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().error.details.fields[0].field, 'password');
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    assert.equal(user!.status, 'invited');
  });

  it('replaces the old link when inviting again, and refuses an active account', async () => {
    const first = await invite('twice@msp.fr');
    const second = await invite('twice@msp.fr');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${first.token}` })).statusCode,
      410,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/invitations/${second.token}` })).statusCode,
      200,
    );
    const active = await buildUser(t.database.db, { role: 'professional' });
    const taken = await admin.request('POST', '/api/admin/invitations', {
      email: active.email,
      displayName: 'X',
      role: 'professional',
    });
    assert.equal(taken.statusCode, 409);
  });

  it('leaves patient accounts to the case manager: an admin cannot invite one', async () => {
    const person = await buildPerson(t.database.db);
    for (const body of [
      { role: 'patient' },
      { role: 'patient', personId: person.id },
      { role: 'professional', personId: person.id },
    ]) {
      const refused = await admin.request('POST', '/api/admin/invitations', {
        email: 'pat@home.fr',
        displayName: 'Jean Valjean',
        ...body,
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.json().error.message, /coordinateur·rice de parcours/);
    }
    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'pat@home.fr'));
    assert.equal(user, undefined);
  });

  it('lets only admins invite', async () => {
    const coordinator = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'coordinator' })).email,
      TEST_PASSWORD,
    );
    const response = await coordinator.request('POST', '/api/admin/invitations', {
      email: 'sneaky@x.fr',
      displayName: 'S',
      role: 'admin',
    });
    assert.equal(response.statusCode, 403);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, 'sneaky@x.fr'));
    assert.equal(user, undefined);
    assert.equal((await coordinator.request('GET', '/api/admin/outbox')).statusCode, 403);
    assert.equal((await coordinator.request('GET', '/api/admin/users')).statusCode, 403);
  });

  it('shows an admin why a mail is not sent and lets them try it again now', async () => {
    await invite('retry@msp.fr');
    const [queued] = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 'retry@msp.fr'));
    await t.database.db
      .update(outbox)
      .set({ attempts: 8, error: '550 unknown mailbox', gaveUpAt: new Date() })
      .where(eq(outbox.id, queued!.id));
    const listed = (await admin.request('GET', '/api/admin/outbox'))
      .json<{ items: Record<string, unknown>[] }>()
      .items.find((m) => m.id === queued!.id)!;
    assert.equal(listed.attempts, 8);
    assert.equal(listed.lastError, '550 unknown mailbox');
    assert.equal(typeof listed.gaveUpAt, 'string');

    const retried = await admin.request('POST', `/api/admin/outbox/${queued!.id}/retry`);
    assert.equal(retried.statusCode, 204, retried.body);
    const [after] = await t.database.db.select().from(outbox).where(eq(outbox.id, queued!.id));
    assert.equal(after!.gaveUpAt, null, 'back in the queue');
    assert.equal(after!.nextAttemptAt, null, 'to be tried at once');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mail.retry'), eq(auditLog.resourceId, queued!.id)));
    assert.equal(audit!.outcome, 'success');

    await t.database.db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, queued!.id));
    const sent = await admin.request('POST', `/api/admin/outbox/${queued!.id}/retry`);
    assert.equal(sent.statusCode, 409);
    assert.match(sent.json().error.message, /déjà parti/);
    const unknown = await admin.request(
      'POST',
      '/api/admin/outbox/00000000-0000-4000-8000-000000000000/retry',
    );
    assert.equal(unknown.statusCode, 404);
  });
});
