import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, persons } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

/**
 * Decision 027: the palliative-care flag is read and set on its own routes, by those the guard
 * lets read / write medical data (a GP of the team, the case manager), never by a social member
 * without medical access nor by network staff; each access audited, the person page saying who may.
 */
describe('palliative-care flag: medical readers see it, medical writers set it', () => {
  let t: TTestApp;
  const agents = {} as Record<'gp' | 'social' | 'admin' | 'outsider', TAgent>;
  let gpUserId: string;
  let personId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const roles = {
      gp: 'professional',
      social: 'social',
      admin: 'admin',
      outsider: 'professional',
    } as const;
    const members: Record<string, string | null> = {};
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, never][]) {
      const user = await buildUser(db, { role });
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
      members[key] = user.memberId ?? null;
      if (key === 'gp') gpUserId = user.id;
    }
    personId = (
      await buildPerson(db, { team: [{ memberId: members.gp! }, { memberId: members.social! }] })
    ).id;
  });
  after(() => t.close());

  const url = () => `/api/persons/${personId}/palliative-care`;

  it('lets a GP of the team set, clear and read the flag, each access audited', async () => {
    const page = await agents.gp.request('GET', `/api/persons/${personId}`);
    assert.deepEqual([page.json().can.readMedical, page.json().can.writeMedical], [true, true]);
    assert.deepEqual((await agents.gp.request('GET', url())).json(), { palliativeCare: null });
    const set = await agents.gp.request('PUT', url(), { palliativeCare: true });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json(), { palliativeCare: true });
    const [row] = await t.database.db
      .select({ palliativeCare: persons.palliativeCare })
      .from(persons)
      .where(eq(persons.id, personId));
    assert.equal(row?.palliativeCare, true);
    assert.deepEqual((await agents.gp.request('GET', url())).json(), { palliativeCare: true });
    const audits = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, gpUserId), eq(auditLog.personId, personId)));
    assert.ok(
      audits.some((a) => a.action === 'person.palliative_update' && a.outcome === 'allowed'),
    );
    assert.ok(audits.some((a) => a.action === 'person.palliative_read' && a.outcome === 'allowed'));
    const cleared = await agents.gp.request('PUT', url(), { palliativeCare: null });
    assert.deepEqual(cleared.json(), { palliativeCare: null });
  });

  it('refuses a social member without medical access and network staff (read 404, write 403)', async () => {
    await agents.gp.request('PUT', url(), { palliativeCare: true });
    for (const key of ['social', 'admin'] as const) {
      const page = await agents[key].request('GET', `/api/persons/${personId}`);
      assert.equal(page.statusCode, 200, key);
      assert.deepEqual([page.json().can.readMedical, page.json().can.writeMedical], [false, false]);
      assert.equal((await agents[key].request('GET', url())).statusCode, 404, key);
      assert.equal(
        (await agents[key].request('PUT', url(), { palliativeCare: false })).statusCode,
        403,
        key,
      );
    }
    assert.equal((await agents.outsider.request('GET', url())).statusCode, 404);
    assert.equal(
      (await agents.outsider.request('PUT', url(), { palliativeCare: false })).statusCode,
      404,
    );
    // Nothing was changed by the refused writes; a bad body is a 400 naming nothing stored.
    assert.equal(
      (await agents.gp.request('PUT', url(), { palliativeCare: 'oui' })).statusCode,
      400,
    );
    assert.deepEqual((await agents.gp.request('GET', url())).json(), { palliativeCare: true });
  });
});
