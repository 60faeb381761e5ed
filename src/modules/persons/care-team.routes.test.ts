import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  notifications,
  outbox,
  pathwayEvents,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

describe('care team: roles, start and end, joining and leaving, the new member told', () => {
  let t: TTestApp;
  let manager: TAgent;
  let nurse: TAgent;
  let nurseUser: Awaited<ReturnType<typeof buildUser>>;
  let personId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    nurseUser = await buildUser(db, { role: 'professional' });
    personId = (await buildPerson(db, { caseManagerId: managerUser.memberId })).id;
    manager = await loginAs(t.app, managerUser.email, TEST_PASSWORD);
    nurse = await loginAs(t.app, nurseUser.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const lastAuditOf = async (userId: string) =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.actorUserId, userId))
        .orderBy(desc(auditLog.seq))
        .limit(1)
    )[0]!;

  it('refuses a start date in the future, with the field named', async () => {
    const response = await manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: nurseUser.memberId,
      role: 'home_nurse',
      since: '2999-01-01',
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.details.fields[0].field, 'since');
  });

  it('adds a member with a role and a start: access at once, the member told in the app and by mail', async () => {
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 404);
    const added = await manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: nurseUser.memberId,
      role: 'home_nurse',
      since: '2025-03-01',
      roleTitle: 'Passage du matin',
    });
    assert.equal(added.statusCode, 204);
    const page = await nurse.request('GET', `/api/persons/${personId}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().careTeam[0].role, 'home_nurse');

    const team = (await manager.request('GET', `/api/persons/${personId}/care-team`)).json();
    assert.equal(team.items.length, 1);
    assert.equal(team.items[0].role, 'home_nurse');
    assert.equal(team.items[0].since.slice(0, 10), '2025-03-01');
    assert.equal(team.items[0].until, null);
    assert.equal(team.items[0].active, true);

    const told = await nurse.request('GET', '/api/notifications');
    assert.equal(told.statusCode, 200);
    const { items, unread } = told.json();
    assert.equal(unread, 1);
    assert.deepEqual(
      [items[0].kind, items[0].personId, items[0].link],
      ['care_team.joined', personId, `/persons/${personId}`],
    );
    const [mail] = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, nurseUser.email));
    assert.ok(mail, 'a mail is queued for the new member');
    assert.match(mail.body, /infirmier·ère à domicile/);
    assert.doesNotMatch(mail.body, /Test|Dupont/, 'no name of the person in the mail');

    // Reading marks it read; someone else's notification is a 404.
    assert.equal(
      (await manager.request('POST', `/api/notifications/${items[0].id}/read`)).statusCode,
      404,
    );
    assert.equal(
      (await nurse.request('POST', `/api/notifications/${items[0].id}/read`)).statusCode,
      204,
    );
    assert.equal((await nurse.request('GET', '/api/notifications')).json().unread, 0);
  });

  it('records the joining as a pathway event of the team', async () => {
    const [event] = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'care_team.joined')));
    assert.ok(event);
    assert.equal(event.category, 'identity');
    assert.deepEqual(event.data, { memberId: nurseUser.memberId, role: 'home_nurse' });
    const timeline = (await manager.request('GET', `/api/persons/${personId}/timeline`)).json();
    const joined = timeline.items.find((e: { kind: string }) => e.kind === 'care_team.joined');
    assert.equal(joined.category, 'identity');
    assert.equal(joined.data.role, 'home_nurse');
    assert.ok(joined.memberName, 'the member the change is about is named');
  });

  it('ending the membership revokes at once: the next read is 404 and audited, the history kept', async () => {
    const ended = await manager.request(
      'DELETE',
      `/api/persons/${personId}/care-team/${nurseUser.memberId}`,
    );
    assert.equal(ended.statusCode, 204);
    const read = await nurse.request('GET', `/api/persons/${personId}`);
    assert.equal(read.statusCode, 404);
    const audit = await lastAuditOf(nurseUser.id);
    assert.deepEqual(
      [audit.action, audit.outcome, audit.personId, audit.reason],
      ['person.read', 'denied', personId, 'no longer a member of the care team'],
    );
    const team = (await manager.request('GET', `/api/persons/${personId}/care-team`)).json();
    assert.equal(team.items[0].active, false);
    assert.ok(team.items[0].until);
    const left = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'care_team.left')));
    assert.equal(left.length, 1);
  });

  it('an end date already past makes a former member too (the guard reads until)', async () => {
    const again = await manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: nurseUser.memberId,
      role: 'home_nurse',
    });
    assert.equal(again.statusCode, 204);
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    await t.database.db
      .update(careTeamMembers)
      .set({ until: new Date(Date.now() - 1000) })
      .where(
        and(
          eq(careTeamMembers.personId, personId),
          eq(careTeamMembers.memberId, nurseUser.memberId!),
        ),
      );
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 404);
    assert.equal((await lastAuditOf(nurseUser.id)).outcome, 'denied');
    const rows = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, nurseUser.id));
    assert.equal(rows.length, 2, 'told again on joining again');
  });

  it('a team member cannot add or list the team of a person they do not follow', async () => {
    const response = await nurse.request('GET', `/api/persons/${personId}/care-team`);
    assert.equal(response.statusCode, 404);
  });
});
