/**
 * A person's page, the caseload, a member's week (issue 16), a person's appointments and their
 * care team's calendar (decision 044) read the session in their own first statement (decision
 * 019): the session found
 * there must pass exactly the checks every other route's session passes — live, not revoked, its
 * user active, not idle, not expired, second factor done — and when it does not, nothing of the
 * person read in that statement leaves the server, nor is an access audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../src/db/schema/index.js';
import { digestToken } from '../src/modules/accounts/tokens.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';
import { insertAppointment } from '../src/modules/agenda/agenda.repository.js';

const WEEK = new Date('2026-03-02T00:00:00Z');
const TITLE = 'Visite du mardi';

describe('the session read with the data (person page and list, my week, person appointments, team calendar)', () => {
  let t: TTestApp;
  let personId: string;
  let lastName: string;
  let managerId: string;
  let managerEmail: string;
  let managerMemberId: string;

  before(async () => {
    t = await createTestApp();
    const manager = await buildUser(t.database.db, { role: 'coordinator' });
    managerId = manager.id;
    managerEmail = manager.email;
    managerMemberId = manager.memberId!;
    const person = await buildPerson(t.database.db, { caseManagerId: manager.memberId });
    personId = person.id;
    lastName = person.lastName;
    await insertAppointment(
      t.database.db,
      {
        personId,
        kind: 'home_visit',
        place: 'home',
        title: TITLE,
        startsAt: new Date(WEEK.getTime() + 33 * 3600_000),
        endsAt: new Date(WEEK.getTime() + 34 * 3600_000),
      },
      [manager.memberId!],
    );
  });
  after(() => t.close());

  const read = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}`,
      headers: cookie ? { cookie } : {},
    });
  const tokenHashOf = (agent: TAgent) => digestToken(agent.cookie.split('=')[1]!);
  const auditedReads = async () => {
    const [row] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        inArray(auditLog.action, [
          'person.read',
          'person.list',
          'appointment.calendar',
          'appointment.list',
          'appointment.team_calendar',
        ]),
      );
    return row!.n;
  };

  const list = (cookie?: string) =>
    t.app.inject({ method: 'GET', url: '/api/persons', headers: cookie ? { cookie } : {} });
  const week = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/agenda/mine?from=${encodeURIComponent(WEEK.toISOString())}&days=7`,
      headers: cookie ? { cookie } : {},
    });

  const personAppointments = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/appointments?from=${encodeURIComponent(WEEK.toISOString())}&days=7`,
      headers: cookie ? { cookie } : {},
    });
  const teamCalendar = (cookie?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/persons/${personId}/team-calendar?from=${encodeURIComponent(WEEK.toISOString())}&days=7`,
      headers: cookie ? { cookie } : {},
    });

  /** The five answers refused with this status and code, nothing of the person shown, no read audited. */
  async function assertRefused(cookie: string | undefined, status: number, code: string) {
    const before = await auditedReads();
    for (const answer of [
      await read(cookie),
      await list(cookie),
      await week(cookie),
      await personAppointments(cookie),
      await teamCalendar(cookie),
    ]) {
      assert.equal(answer.statusCode, status, answer.body);
      assert.equal(answer.json().error.code, code);
      assert.doesNotMatch(answer.body, new RegExp(`${lastName}|Jeanne|${personId}|${TITLE}`));
    }
    assert.equal(await auditedReads(), before, 'no access audited');
  }

  it('shows the page and the list to a live session, with their audit rows', async () => {
    const agent = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    const before = await auditedReads();
    const answer = await read(agent.cookie);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.json().lastName, lastName);
    const listed = await list(agent.cookie);
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json().items.map((item: { id: string }) => item.id),
      [personId],
    );
    const mine = await week(agent.cookie);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.deepEqual(
      mine
        .json()
        .items.map((item: { title: string; person: { id: string } }) => [
          item.title,
          item.person.id,
        ]),
      [[TITLE, personId]],
    );
    for (const answer of [
      await personAppointments(agent.cookie),
      await teamCalendar(agent.cookie),
    ]) {
      assert.equal(answer.statusCode, 200, answer.body);
      assert.deepEqual(
        answer.json().items.map((item: { title: string }) => item.title),
        [TITLE],
      );
    }
    assert.deepEqual(
      (await teamCalendar(agent.cookie))
        .json()
        .members.map((m: { memberId: string }) => m.memberId),
      [managerMemberId],
    );
    assert.equal(await auditedReads(), before + 6);
  });

  it('answers 401 without a cookie or with an unknown one', async () => {
    await assertRefused(undefined, 401, 'unauthenticated');
    await assertRefused('maillon_session=not-a-session', 401, 'unauthenticated');
  });

  it('answers 401 to a revoked, idle or expired session', async () => {
    const { db } = t.database;
    const revoked = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    await db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.tokenHash, tokenHashOf(revoked)));
    await assertRefused(revoked.cookie, 401, 'unauthenticated');

    const idle = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 2 * 60 * 60 * 1000) })
      .where(eq(sessions.tokenHash, tokenHashOf(idle)));
    await assertRefused(idle.cookie, 401, 'unauthenticated');

    const expired = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, tokenHashOf(expired)));
    await assertRefused(expired.cookie, 401, 'unauthenticated');
  });

  it('answers 401 mfa_required to a session awaiting its second factor', async () => {
    const pending = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    await t.database.db
      .update(sessions)
      .set({ mfaPending: true })
      .where(eq(sessions.tokenHash, tokenHashOf(pending)));
    // as on every route (the hook's answer): 401 mfa_required
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/persons/not-checked-yet/audit',
      headers: { cookie: pending.cookie },
    });
    assert.equal(other.statusCode, 401);
    await assertRefused(pending.cookie, 401, 'mfa_required');
  });

  it('answers 401 once the user is disabled', async () => {
    const agent = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, managerId));
    try {
      await assertRefused(agent.cookie, 401, 'unauthenticated');
    } finally {
      await t.database.db.update(users).set({ status: 'active' }).where(eq(users.id, managerId));
    }
  });

  it('answers 404, audited, for no such person', async () => {
    const agent = await loginAs(t.app, managerEmail, TEST_PASSWORD);
    const nobody = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/api/persons/${nobody}`,
      `/api/persons/${nobody}/appointments`,
      `/api/persons/${nobody}/team-calendar?from=${encodeURIComponent(WEEK.toISOString())}&days=7`,
    ]) {
      const answer = await t.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.json().error.code, 'not_found', url);
    }
    const refusals = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.resourceId, nobody),
          inArray(auditLog.action, ['appointment.list', 'appointment.team_calendar']),
        ),
      );
    assert.deepEqual(refusals.map((row) => row.action).sort(), [
      'appointment.list',
      'appointment.team_calendar',
    ]);
  });

  it("answers 404, audited, for a person outside the reader's teams, nothing of their agenda in it", async () => {
    const stranger = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, stranger.email, TEST_PASSWORD);
    for (const answer of [
      await personAppointments(agent.cookie),
      await teamCalendar(agent.cookie),
    ]) {
      assert.equal(answer.statusCode, 404, answer.body);
      assert.doesNotMatch(answer.body, new RegExp(`${lastName}|${TITLE}`));
    }
    const refusals = await t.database.db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.personId, personId), eq(auditLog.actorUserId, stranger.id)));
    assert.deepEqual(refusals.map((row) => `${row.action} ${row.outcome}`).sort(), [
      'appointment.list denied',
      'appointment.team_calendar denied',
    ]);
  });
});
