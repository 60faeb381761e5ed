import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { invitations, outbox, users } from '../../db/schema/index.js';
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
    const token = /\/invitation\/([\w-]+)/.exec(mail!.body)![1]!;
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

  it('requires a followed person to invite a patient', async () => {
    const missing = await admin.request('POST', '/api/admin/invitations', {
      email: 'pat@home.fr',
      displayName: 'Jean Valjean',
      role: 'patient',
    });
    assert.equal(missing.statusCode, 422);
    const person = await buildPerson(t.database.db);
    await invite('pat@home.fr', { role: 'patient', personId: person.id });
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
});
