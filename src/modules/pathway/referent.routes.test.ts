import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditDecisionsAbout } from '../../../test/helpers/audit-decisions.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildPathway, giveLevel } from '../../../test/helpers/pathway-factories.js';

type TPerson = { id: string; level: string | null; needsCaseManager: boolean };
type TCaseload = { count: number; items: { id: string }[]; referentOf: TPerson[] };
type TBoard = {
  unassigned: { id: string; referent: { id: string; lastName: string } | null }[];
};

/**
 * Decision 027: a referent professional's list of the people they answer for (in GET
 * /api/caseload, through the guard, audited), and a referent kept after the level rose above
 * liaison flagged on the workload board and the pathway panel until a case manager is named.
 */
describe('referent professionals', () => {
  let t: TTestApp;
  let nurse: TAgent;
  let coordinator: TAgent;
  let admin: TAgent;
  let nurseMember: string;
  let coordinatorMember: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const nurseUser = await buildUser(db, { role: 'professional' });
    const coordinatorUser = await buildUser(db, { role: 'coordinator' });
    nurse = await loginAs(t.app, nurseUser.email, TEST_PASSWORD);
    const adminUser = await buildUser(db, { role: 'admin' });
    admin = await loginAs(t.app, adminUser.email, TEST_PASSWORD);
    coordinator = await loginAs(t.app, coordinatorUser.email, TEST_PASSWORD);
    nurseMember = nurseUser.memberId!;
    coordinatorMember = coordinatorUser.memberId!;
  });
  after(() => t.close());

  /** A liaison person with the nurse in the team (or a former member) named referent. */
  const referred = async (options: { ended?: boolean } = {}) => {
    const db = t.database.db;
    const person = await buildPerson(db, {
      team: [{ memberId: nurseMember, ended: options.ended ?? false }],
    });
    await buildPathway(db, person.id, {
      state: 'active',
      level: 'liaison',
      referentMemberId: nurseMember,
    });
    return person.id;
  };
  const caseload = async () => {
    const response = await nurse.request('GET', '/api/caseload');
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TCaseload>();
  };
  const board = async () => {
    const response = await coordinator.request('GET', '/api/caseload/board');
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TBoard>();
  };
  const pathwayOf = async (personId: string) => {
    const response = await admin.request('GET', `/api/persons/${personId}/pathway`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ needsCaseManager: boolean }>();
  };
  const audits = async (action: string, personId: string) =>
    (await auditDecisionsAbout(t.database.db, personId, action)).map(({ outcome }) => ({
      outcome,
    }));

  it('lists the people a professional is referent of, outside the cap, each read audited', async () => {
    const kept = await referred();
    const left = await referred({ ended: true });
    const body = await caseload();
    assert.equal(body.count, 0);
    assert.deepEqual(body.items, []);
    const mine = body.referentOf.find((p) => p.id === kept);
    assert.ok(mine, 'the referent sees the person they answer for');
    assert.equal(mine.level, 'liaison');
    assert.equal(mine.needsCaseManager, false);
    assert.deepEqual(await audits('caseload.referent_read', kept), [{ outcome: 'allowed' }]);
    // A referent who left the team keeps no access: the guard leaves the person out (audited).
    assert.ok(!body.referentOf.some((p) => p.id === left));
    assert.deepEqual(await audits('caseload.referent_read', left), [{ outcome: 'denied' }]);
    // A liaison person with a referent is not waiting for anyone on the board.
    assert.ok(!(await board()).unassigned.some((p) => p.id === kept));
    assert.equal((await pathwayOf(kept)).needsCaseManager, false);
  });

  it('flags a referent kept after the level rises above liaison until a case manager is named', async () => {
    const personId = await referred();
    await giveLevel(t.database.db, personId, 'coordination', new Date(Date.now() + 1000));
    const waiting = (await board()).unassigned.find((p) => p.id === personId);
    assert.ok(waiting, 'the board lists the person as needing a case manager');
    assert.equal(waiting.referent?.id, nurseMember);
    assert.equal((await pathwayOf(personId)).needsCaseManager, true);
    const flagged = (await caseload()).referentOf.find((p) => p.id === personId);
    assert.equal(flagged?.level, 'coordination');
    assert.equal(flagged?.needsCaseManager, true);

    const assigned = await coordinator.request('PUT', `/api/persons/${personId}/case-manager`, {
      memberId: coordinatorMember,
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.ok(!(await board()).unassigned.some((p) => p.id === personId));
    assert.equal((await pathwayOf(personId)).needsCaseManager, false);
    const named = (await caseload()).referentOf.find((p) => p.id === personId);
    assert.equal(named?.needsCaseManager, false);
  });
});
