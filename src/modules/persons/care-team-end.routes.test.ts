import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, careTeamMembers, pathwayEvents } from '../../db/schema/index.js';
import { runStatement, statement } from '../../db/statements.js';
import type { TActor } from '../../server/context.js';
import { decideAccess } from '../access/access.policy.js';
import {
  ACCESS_FACT_COLUMNS,
  accessFactsOf,
  factsParams,
  type TFactsRow,
} from '../access/access.repository.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { endOfDayInFrance } from './persons.service.js';

const FACTS_AT = statement(
  'test_care_team_end_facts_at',
  `SELECT ${ACCESS_FACT_COLUMNS} FROM persons p WHERE p.id = $4::uuid`,
);

/** A day in France, `days` from today, YYYY-MM-DD. */
const dayFromToday = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/**
 * Decision 027: a care-team membership may end on a later day. Access holds through that day and
 * ends at midnight after it with no job: the guard's facts compare the end with the time of the
 * read (checked here with a fixed clock, and over HTTP with an end moved into the past).
 */
describe('care team: a planned end keeps access until the day, none after', () => {
  let t: TTestApp;
  let manager: TAgent;
  let nurse: TAgent;
  let nurseUser: Awaited<ReturnType<typeof buildUser>>;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const managerUser = await buildUser(db, { role: 'coordinator' });
    nurseUser = await buildUser(db, { role: 'professional' });
    manager = await loginAs(t.app, managerUser.email, TEST_PASSWORD);
    nurse = await loginAs(t.app, nurseUser.email, TEST_PASSWORD);
    managerMember = managerUser.memberId!;
  });
  after(() => t.close());
  let managerMember: string;

  const followed = async () =>
    (
      await buildPerson(t.database.db, {
        caseManagerId: managerMember,
        team: [{ memberId: nurseUser.memberId! }],
      })
    ).id;
  const plan = (agent: TAgent, personId: string, until: string | null, memberId?: string) =>
    agent.request('PATCH', `/api/persons/${personId}/care-team/${memberId ?? nurseUser.memberId}`, {
      until,
    });
  const membershipOf = async (personId: string) =>
    (
      await t.database.db
        .select()
        .from(careTeamMembers)
        .where(eq(careTeamMembers.personId, personId))
    )[0]!;

  it('ends at midnight in France after the day given, whatever the season', () => {
    assert.equal(endOfDayInFrance('2026-12-05').toISOString(), '2026-12-05T23:00:00.000Z');
    assert.equal(endOfDayInFrance('2026-07-14').toISOString(), '2026-07-14T22:00:00.000Z');
    assert.equal(endOfDayInFrance('2026-03-28').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(endOfDayInFrance('2026-03-29').toISOString(), '2026-03-29T22:00:00.000Z');
  });

  it('keeps access until the end, then the guard reads a former member (fixed clock)', async () => {
    const personId = await followed();
    const until = dayFromToday(10);
    assert.equal((await plan(manager, personId, until)).statusCode, 204);
    const end = endOfDayInFrance(until);
    assert.equal((await membershipOf(personId)).until?.getTime(), end.getTime());
    const actor: TActor = {
      userId: nurseUser.id,
      role: 'professional',
      email: nurseUser.email,
      displayName: 'Infirmière',
      locale: 'fr',
      memberId: nurseUser.memberId!,
      personId: null,
    };
    const factsAt = async (now: Date) => {
      const [row] = await runStatement<TFactsRow>(t.database.db, FACTS_AT, [
        ...factsParams(actor, now),
        personId,
      ]);
      return accessFactsOf(actor, row!);
    };
    const read = { action: 'read', category: 'identity' } as const;
    const before = await factsAt(new Date(end.getTime() - 60_000));
    assert.equal(before.relation, 'team_member');
    assert.equal(decideAccess(before, read).allowed, true);
    const afterEnd = await factsAt(new Date(end.getTime() + 60_000));
    assert.equal(afterEnd.relation, 'former_member');
    assert.equal(decideAccess(afterEnd, read).allowed, false);
  });

  it('over HTTP: reads until the day, 404 and audited once it has passed; the timeline says when', async () => {
    const personId = await followed();
    const until = dayFromToday(3);
    assert.equal((await plan(manager, personId, until)).statusCode, 204);
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    const team = await manager.request('GET', `/api/persons/${personId}/care-team`);
    const [member] = team.json<{ items: { until: string | null; active: boolean }[] }>().items;
    assert.equal(member?.active, true);
    assert.equal(member?.until, endOfDayInFrance(until).toISOString());
    const [event] = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(
        and(
          eq(pathwayEvents.personId, personId),
          eq(pathwayEvents.kind, 'care_team.leave_planned'),
        ),
      );
    assert.equal(event?.data.until, until);
    // Adding the member again while the planned end is to come: they are still in the team.
    const again = await manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: nurseUser.memberId,
    });
    assert.equal(again.statusCode, 409);

    // The day has passed (the stored end moved back, as the clock would): no job ran, and yet
    // the next read is refused and audited.
    await t.database.db
      .update(careTeamMembers)
      .set({ until: new Date(Date.now() - 1000) })
      .where(eq(careTeamMembers.personId, personId));
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 404);
    const [denied] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.personId, personId), eq(auditLog.actorUserId, nurseUser.id)))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.equal(denied?.outcome, 'denied');
    // And the membership is history: ending or planning it again finds nobody in the team.
    assert.equal((await plan(manager, personId, dayFromToday(5))).statusCode, 404);
  });

  it('withdraws a planned end; refuses today, a past day, a non-member and a team member', async () => {
    const personId = await followed();
    assert.equal((await plan(manager, personId, dayFromToday(7))).statusCode, 204);
    assert.equal((await plan(manager, personId, null)).statusCode, 204);
    assert.equal((await membershipOf(personId)).until, null);
    for (const day of [dayFromToday(0), dayFromToday(-2)]) {
      const refused = await plan(manager, personId, day);
      assert.equal(refused.statusCode, 422, day);
      assert.equal(
        refused.json<{ error: { details: { fields: { field: string }[] } } }>().error.details
          .fields[0]?.field,
        'until',
      );
    }
    assert.equal((await plan(manager, personId, dayFromToday(2), managerMember)).statusCode, 404);
    assert.equal((await plan(nurse, personId, dayFromToday(2))).statusCode, 403);
    assert.equal((await membershipOf(personId)).until, null);
    // Ending now still works on a membership with a planned end.
    assert.equal((await plan(manager, personId, dayFromToday(4))).statusCode, 204);
    const removed = await manager.request(
      'DELETE',
      `/api/persons/${personId}/care-team/${nurseUser.memberId}`,
    );
    assert.equal(removed.statusCode, 204);
    assert.equal((await nurse.request('GET', `/api/persons/${personId}`)).statusCode, 404);
  });
});
