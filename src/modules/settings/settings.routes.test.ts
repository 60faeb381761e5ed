import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, members, networkSettings } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildDirectoryMember } from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { DEFAULT_NO_CONTACT_DAYS } from '../alerts/alert-settings.js';
import { DEFAULT_LEVEL_SETTINGS } from '../assessments/level-settings.js';

const integrationLevels = DEFAULT_LEVEL_SETTINGS;

describe('network settings, for admins', () => {
  let t: TTestApp;
  let admin: TAgent;
  let adminId: string;
  before(async () => {
    t = await createTestApp();
    const user = await buildUser(t.database.db, { role: 'admin' });
    adminId = user.id;
    admin = await loginAs(t.app, user.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const settingsRows = async () =>
    JSON.stringify(await t.database.db.select().from(networkSettings).orderBy(networkSettings.key));

  it('shows the defaults: no role must use a second factor, entries are to check after 365 days', async () => {
    const response = await admin.request('GET', '/api/admin/settings');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      mfaRequiredRoles: [],
      directoryStaleDays: 365,
      integrationLevels,
      caseloadCap: 40,
      noContactDays: DEFAULT_NO_CONTACT_DAYS,
      networkName: null,
    });
  });

  it('sets directory_stale_days, audited, and the directory flags entries by it', async () => {
    const member = await buildDirectoryMember(t.database.db);
    await t.database.db
      .update(members)
      .set({ verifiedAt: new Date(Date.now() - 60 * 86_400_000) })
      .where(eq(members.id, member.id));
    const stale = async () =>
      (await admin.request('GET', `/api/directory/members/${member.id}`)).json<{ stale: boolean }>()
        .stale;
    assert.equal(await stale(), false, 'verified 60 days ago, threshold 365 days');

    const response = await admin.request('PUT', '/api/admin/settings', { directoryStaleDays: 30 });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      mfaRequiredRoles: [],
      directoryStaleDays: 30,
      integrationLevels,
      caseloadCap: 40,
      noContactDays: DEFAULT_NO_CONTACT_DAYS,
      networkName: null,
    });
    assert.deepEqual((await admin.request('GET', '/api/admin/settings')).json(), {
      mfaRequiredRoles: [],
      directoryStaleDays: 30,
      integrationLevels,
      caseloadCap: 40,
      noContactDays: DEFAULT_NO_CONTACT_DAYS,
      networkName: null,
    });
    assert.equal(await stale(), true, 'verified 60 days ago, threshold 30 days');
    const vocabulary = await admin.request('GET', '/api/directory/vocabulary');
    assert.equal(vocabulary.json<{ staleDays: number }>().staleDays, 30);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, adminId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.deepEqual(
      [audit!.action, audit!.outcome, audit!.details],
      ['settings.update', 'success', { directoryStaleDays: 30 }],
    );
  });

  it('sets the caseload cap (decision 016), audited, and refuses one out of 1 to 500', async () => {
    const response = await admin.request('PUT', '/api/admin/settings', { caseloadCap: 35 });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<{ caseloadCap: number }>().caseloadCap, 35);
    for (const caseloadCap of [0, 501, 2.5]) {
      const refused = await admin.request('PUT', '/api/admin/settings', { caseloadCap });
      assert.equal(refused.statusCode, 400, String(caseloadCap));
    }
    await admin.request('PUT', '/api/admin/settings', { caseloadCap: 40 });
  });

  it('changes only the settings given', async () => {
    const response = await admin.request('PUT', '/api/admin/settings', {
      mfaRequiredRoles: ['steering'],
    });
    assert.deepEqual(response.json(), {
      mfaRequiredRoles: ['steering'],
      directoryStaleDays: 30,
      integrationLevels,
      caseloadCap: 40,
      noContactDays: DEFAULT_NO_CONTACT_DAYS,
      networkName: null,
    });
    const back = await admin.request('PUT', '/api/admin/settings', { mfaRequiredRoles: [] });
    assert.deepEqual(back.json(), {
      mfaRequiredRoles: [],
      directoryStaleDays: 30,
      integrationLevels,
      caseloadCap: 40,
      noContactDays: DEFAULT_NO_CONTACT_DAYS,
      networkName: null,
    });
  });

  it('refuses a threshold out of 1 to 3650 days, a fraction, a text or an unknown setting, changing nothing', async () => {
    const before = await settingsRows();
    for (const body of [
      { directoryStaleDays: 0 },
      { directoryStaleDays: 3651 },
      { directoryStaleDays: 1.5 },
      { directoryStaleDays: '30' },
      { directoryStaleDays: null },
      { sessionDays: 3 },
    ]) {
      const response = await admin.request('PUT', '/api/admin/settings', body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.ok(response.json<{ error: { code: string } }>().error.code);
    }
    assert.equal(await settingsRows(), before);
  });

  it('is for admins only', async () => {
    const coordinator = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'coordinator' })).email,
      TEST_PASSWORD,
    );
    const before = await settingsRows();
    const put = await coordinator.request('PUT', '/api/admin/settings', { directoryStaleDays: 7 });
    assert.equal(put.statusCode, 403);
    assert.equal((await coordinator.request('GET', '/api/admin/settings')).statusCode, 403);
    assert.equal(await settingsRows(), before);
  });
});
