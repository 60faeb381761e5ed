import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

type TListed = {
  id: string;
  email: string;
  displayName: string;
  role: string;
  status: string;
  mfaEnabled: boolean;
  createdAt: string;
};

describe("the admin's list of accounts", () => {
  let t: TTestApp;
  let admin: TAgent;
  const made: Record<string, Awaited<ReturnType<typeof buildUser>>> = {};

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    made.admin = await buildUser(db, { role: 'admin', email: 'zoe.admin@test.fr' });
    made.coordinator = await buildUser(db, {
      role: 'coordinator',
      email: 'agathe.coord@test.fr',
      totpSecret: 'JBSWY3DPEHPK3PXP',
    });
    made.patient = await buildUser(db, {
      role: 'patient',
      email: 'marcel.patient@test.fr',
      personId: (await buildPerson(db)).id,
    });
    made.disabled = await buildUser(db, { role: 'professional', email: 'bruno.pro@test.fr' });
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, made.disabled.id));
    await db
      .update(users)
      .set({ displayName: 'Agathe Coordinatrice' })
      .where(eq(users.id, made.coordinator.id));
    await db.update(users).set({ displayName: 'Bruno Kiné' }).where(eq(users.id, made.disabled.id));
    await db
      .update(users)
      .set({ displayName: 'Marcel Patient' })
      .where(eq(users.id, made.patient.id));
    await db.update(users).set({ displayName: 'Zoé Admin' }).where(eq(users.id, made.admin.id));
    admin = await loginAs(t.app, made.admin.email, TEST_PASSWORD);
    const invited = await admin.request('POST', '/api/admin/invitations', {
      email: 'celine.invitee@test.fr',
      displayName: 'Céline Invitée',
      role: 'social',
    });
    assert.equal(invited.statusCode, 201, invited.body);
  });
  after(() => t.close());

  it('lists every account once, by name, with its e-mail, role, status and second factor', async () => {
    const response = await admin.request('GET', '/api/admin/users');
    assert.equal(response.statusCode, 200);
    const items = response.json<{ items: TListed[] }>().items;
    assert.deepEqual(
      items.map((u) => [u.displayName, u.email, u.role, u.status, u.mfaEnabled]),
      [
        ['Agathe Coordinatrice', 'agathe.coord@test.fr', 'coordinator', 'active', true],
        ['Bruno Kiné', 'bruno.pro@test.fr', 'professional', 'disabled', false],
        ['Céline Invitée', 'celine.invitee@test.fr', 'social', 'invited', false],
        ['Marcel Patient', 'marcel.patient@test.fr', 'patient', 'active', false],
        ['Zoé Admin', 'zoe.admin@test.fr', 'admin', 'active', false],
      ],
    );
    assert.equal(new Set(items.map((u) => u.id)).size, items.length);
    assert.equal(items.find((u) => u.email === 'zoe.admin@test.fr')!.id, made.admin!.id);
    for (const item of items) assert.ok(Date.parse(item.createdAt) <= Date.now());
  });

  it('shows no secret: no password hash, second-factor key or personal link', async () => {
    const response = await admin.request('GET', '/api/admin/users');
    const keys = new Set(response.json<{ items: object[] }>().items.flatMap((u) => Object.keys(u)));
    assert.deepEqual([...keys].sort(), [
      'createdAt',
      'displayName',
      'email',
      'id',
      'mfaEnabled',
      'role',
      'status',
    ]);
    assert.doesNotMatch(response.body, /argon2|JBSWY3DPEHPK3PXP/);
  });
});
