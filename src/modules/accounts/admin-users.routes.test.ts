import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

describe('account lifecycle, by an admin', () => {
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

  const auditCount = async (action: string, userId: string) =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.resourceId, userId)))
    ).length;
  const login = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });

  it('disables an account at once (its open session ends) and enables it again', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, user.email, TEST_PASSWORD);

    const disabled = await admin.request('POST', `/api/admin/users/${user.id}/disable`);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json().status, 'disabled');
    assert.equal((await agent.request('GET', '/api/persons')).statusCode, 401);
    assert.equal((await login(user.email)).statusCode, 401, 'cannot log in');
    const twice = await admin.request('POST', `/api/admin/users/${user.id}/disable`);
    assert.equal(twice.statusCode, 200, 'disabling again changes nothing');
    assert.equal(await auditCount('user.disable', user.id), 1);

    const enabled = await admin.request('POST', `/api/admin/users/${user.id}/enable`);
    assert.equal(enabled.json().status, 'active');
    assert.equal((await login(user.email)).statusCode, 200);
    assert.equal(await auditCount('user.enable', user.id), 1);
  });

  it('gives an account that never chose a password back as invited', async () => {
    const user = await buildUser(t.database.db, { role: 'professional' });
    await t.database.db
      .update(users)
      .set({ status: 'invited', passwordHash: null })
      .where(eq(users.id, user.id));
    await admin.request('POST', `/api/admin/users/${user.id}/disable`);
    const enabled = await admin.request('POST', `/api/admin/users/${user.id}/enable`);
    assert.equal(enabled.json().status, 'invited');
  });

  it('refuses to let an admin disable their own account', async () => {
    const self = await admin.request('POST', `/api/admin/users/${adminId}/disable`);
    assert.equal(self.statusCode, 422);
    assert.match(self.json().error.message, /un autre administrateur/);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, adminId));
    assert.equal(row!.status, 'active');
  });

  it('removes a lost second factor: sessions end, the user logs in with the password alone', async () => {
    const user = await buildUser(t.database.db, {
      role: 'professional',
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    const pending = await login(user.email);
    assert.equal(pending.json().status, 'mfa_required');

    const reset = await admin.request('POST', `/api/admin/users/${user.id}/second-factor/reset`);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().mfaEnabled, false);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    assert.equal(row!.totpSecret, null, 'the secret is gone, not only switched off');
    assert.equal((await login(user.email)).json().status, 'ok');
    assert.equal(await auditCount('user.mfa_reset', user.id), 1);

    const again = await admin.request('POST', `/api/admin/users/${user.id}/second-factor/reset`);
    assert.equal(again.statusCode, 409);
    const own = await admin.request('POST', `/api/admin/users/${adminId}/second-factor/reset`);
    assert.equal(own.statusCode, 422);
  });

  it('answers 404 for an unknown account and 400 for a malformed id, changing nothing', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const action of ['disable', 'enable', 'second-factor/reset']) {
      assert.equal(
        (await admin.request('POST', `/api/admin/users/${unknown}/${action}`)).statusCode,
        404,
      );
      assert.equal(
        (await admin.request('POST', `/api/admin/users/not-an-id/${action}`)).statusCode,
        400,
      );
    }
  });
});
