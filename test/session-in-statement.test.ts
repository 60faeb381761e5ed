/**
 * A person's page, the caseload and a member's week (issue 16) read the session in their own first
 * statement (decision 019): the session found
 * there must pass exactly the checks every other route's session passes — live, not revoked, its
 * user active, not idle, not expired, second factor done — and when it does not, nothing of the
 * person read in that statement leaves the server, nor is an access audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../src/db/schema/index.js';
import { digestToken } from '../src/modules/accounts/tokens.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';
import { insertAppointment } from '../src/modules/agenda/agenda.repository.js';

const WEEK = new Date('2026-03-02T00:00:00Z');
const TITLE = 'Visite du mardi';

describe('the session read with the data (GET /api/persons/:id, GET /api/persons, GET /api/agenda/mine)', () => {
  let t: TTestApp;
  let personId: string;
  let lastName: string;
  let managerId: string;
  let managerEmail: string;

  before(async () => {
    t = await createTestApp();
    const manager = await buildUser(t.database.db, { role: 'coordinator' });
    managerId = manager.id;
    managerEmail = manager.email;
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
      .where(inArray(auditLog.action, ['person.read', 'person.list', 'appointment.calendar']));
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

  /** The three answers refused with this status and code, nothing of the person shown, no read audited. */
  async function assertRefused(cookie: string | undefined, status: number, code: string) {
    const before = await auditedReads();
    for (const answer of [await read(cookie), await list(cookie), await week(cookie)]) {
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
    assert.equal(await auditedReads(), before + 3);
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
    const answer = await t.app.inject({
      method: 'GET',
      url: '/api/persons/00000000-0000-4000-8000-000000000000',
      headers: { cookie: agent.cookie },
    });
    assert.equal(answer.statusCode, 404);
  });
});
