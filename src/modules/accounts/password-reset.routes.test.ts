import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, invitations, outbox, users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { RESET_MAX_PER_EMAIL } from './password-reset.service.js';

const NEW_PASSWORD = 'un nouveau mot de passe 2026';

describe('password reset', () => {
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

  const post = (url: string, payload?: unknown) =>
    t.app.inject({ method: 'POST', url, ...(payload ? { payload: payload } : {}) });
  const mailsTo = (email: string) =>
    t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, email))
      .orderBy(desc(outbox.createdAt));
  /** The token of the newest reset link mailed to this address. */
  async function linkSentTo(email: string): Promise<string> {
    const [mail] = await mailsTo(email);
    assert.ok(mail, `a mail went to ${email}`);
    // the link is kept apart from the body admins read (outbox.link), for the mailer alone
    return /\/password-reset\/([\w-]+)/.exec(mail.link!)![1]!;
  }
  const auditRows = (action: string, userId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, userId)));

  it('mails a one-time link that sets a new password and ends every session', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const before = await loginAs(t.app, user.email, TEST_PASSWORD);
    const asked = await post('/api/auth/password-reset', { email: user.email.toUpperCase() });
    assert.equal(asked.statusCode, 202, asked.body);
    const token = await linkSentTo(user.email);

    const view = await t.app.inject({ method: 'GET', url: `/api/password-resets/${token}` });
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().email, user.email);
    const weak = await post(`/api/password-resets/${token}`, { password: 'court' });
    assert.equal(weak.statusCode, 422, 'the password policy applies');
    const done = await post(`/api/password-resets/${token}`, { password: NEW_PASSWORD });
    assert.equal(done.statusCode, 204, done.body);

    assert.equal((await before.request('GET', '/api/auth/session')).statusCode, 401);
    const oldPassword = await post('/api/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    assert.equal(oldPassword.statusCode, 401);
    await loginAs(t.app, user.email, NEW_PASSWORD);
    const again = await post(`/api/password-resets/${token}`, { password: 'encore un autre 2026' });
    assert.equal(again.statusCode, 410, 'a link serves once');
    assert.equal((await auditRows('account.password_reset', user.id)).length, 1);
    const [request] = await auditRows('auth.password_reset_request', user.id);
    assert.equal(request!.outcome, 'success');
  });

  it('answers an unknown or disabled address exactly like a real one, and sends nothing', async () => {
    const active = await buildUser(t.database.db, { role: 'professional' });
    const disabled = await buildUser(t.database.db, { role: 'professional' });
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));
    const real = await post('/api/auth/password-reset', { email: active.email });
    const unknown = await post('/api/auth/password-reset', { email: 'nobody@nowhere.fr' });
    const off = await post('/api/auth/password-reset', { email: disabled.email });
    assert.deepEqual(
      [real, unknown, off].map((r) => [r.statusCode, r.body]),
      [
        [202, '{"status":"sent"}'],
        [202, '{"status":"sent"}'],
        [202, '{"status":"sent"}'],
      ],
    );
    assert.equal((await mailsTo('nobody@nowhere.fr')).length, 0);
    assert.equal((await mailsTo(disabled.email)).length, 0);
    const [audited] = await auditRows('auth.password_reset_request', disabled.id);
    assert.equal(audited!.outcome, 'failure');
    assert.equal(audited!.reason, 'account disabled');
  });

  it('limits requests per address, with a message saying when to try again', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    for (let i = 0; i < RESET_MAX_PER_EMAIL; i++) {
      assert.equal((await post('/api/auth/password-reset', { email: user.email })).statusCode, 202);
    }
    const refused = await post('/api/auth/password-reset', { email: user.email });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.json().error.message, /Réessayez dans \d+ minutes/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await mailsTo(user.email)).length, RESET_MAX_PER_EMAIL);
    const open = await t.database.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.userId, user.id), eq(invitations.purpose, 'password_reset')));
    assert.equal(open.filter((l) => !l.revokedAt).length, 1, 'each new link replaces the last');
  });

  it('refuses an expired link with a 410, and links of another kind with a 404', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    await post('/api/auth/password-reset', { email: user.email });
    const token = await linkSentTo(user.email);
    await t.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.userId, user.id));
    const expired = await post(`/api/password-resets/${token}`, { password: NEW_PASSWORD });
    assert.equal(expired.statusCode, 410);
    assert.match(expired.json().error.message, /une heure/);
    const asInvitation = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    assert.equal(asInvitation.statusCode, 404, 'a reset link is not an invitation');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.passwordHash, user.passwordHash, 'nothing changed');
  });

  it('lifts the lock of an account that failed its logins', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    for (let i = 0; i < 5; i++) {
      await post('/api/auth/login', { email: user.email, password: `wrong-${i}` });
    }
    const locked = await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 429);
    await post('/api/auth/password-reset', { email: user.email });
    const done = await post(`/api/password-resets/${await linkSentTo(user.email)}`, {
      password: NEW_PASSWORD,
    });
    assert.equal(done.statusCode, 204);
    await loginAs(t.app, user.email, NEW_PASSWORD);
  });

  it('lets an admin mail a link to an active account, not to an invited one', async () => {
    const user = await buildUser(t.database.db, { role: 'coordinator' });
    const sent = await admin.request('POST', `/api/admin/users/${user.id}/password-reset`);
    assert.equal(sent.statusCode, 202, sent.body);
    const [mail] = await mailsTo(user.email);
    assert.match(mail!.body, /Test admin vous envoie un lien/);
    assert.equal((await auditRows('user.password_reset_link', user.id)).length, 1);

    await t.database.db.update(users).set({ status: 'invited' }).where(eq(users.id, user.id));
    const invited = await admin.request('POST', `/api/admin/users/${user.id}/password-reset`);
    assert.equal(invited.statusCode, 409);
    assert.match(invited.json().error.message, /renvoyez-lui plutôt une invitation/);
    const unknown = await admin.request(
      'POST',
      '/api/admin/users/00000000-0000-4000-8000-000000000000/password-reset',
    );
    assert.equal(unknown.statusCode, 404);
  });
});
