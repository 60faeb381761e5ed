import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TDatabase } from '../../src/db/client.js';
import {
  careTeamMembers,
  pathwayEvents,
  pathways,
  referralRecipients,
  referrals,
  supportRequests,
  users,
} from '../../src/db/schema/index.js';
import {
  findInboxReferralIds,
  listOverdueReferrals,
} from '../../src/modules/referrals/referrals.repository.js';
import { isPastDelay } from '../../src/modules/requests/requests.states.js';

/**
 * Checks of the seeded demo, run by src/seed/demo.seed.test.ts on the database it seeded (one seed for
 * all: each seed of the demo costs some 10 s of a test run).
 */
export function demoRequestChecks(database: () => TDatabase): void {
  describe('demo requests for support', () => {
    it('has requests in every state, one waiting past its delay', async () => {
      const rows = await database().db.select().from(supportRequests);
      assert.deepEqual([...new Set(rows.map((r) => r.state))].sort(), [
        'accepted',
        'declined',
        'received',
        'redirected',
      ]);
      const now = new Date();
      const late = rows.filter((r) => r.state === 'received' && isPastDelay(r, now));
      assert.equal(late.length, 1);
      assert.ok(rows.some((r) => r.channel === 'public'));
      for (const row of rows.filter((r) => r.state !== 'received')) {
        assert.ok(row.answeredAt && row.answeredByUserId, row.reference);
        const events = await database()
          .db.select({ kind: pathwayEvents.kind })
          .from(pathwayEvents)
          .where(eq(pathwayEvents.sourceId, row.id));
        assert.deepEqual(
          events.map((e) => e.kind).sort(),
          ['request.filed', `request.${row.state}`].sort(),
        );
      }
    });

    it("opens the accepted person's pathway with the assessor in the care team, and keeps the referral", async () => {
      const db = database().db;
      /** The demo's first request in this state. */
      const requestIn = async (state: 'accepted' | 'redirected') => {
        const [row] = await db
          .select()
          .from(supportRequests)
          .where(eq(supportRequests.state, state));
        assert.ok(row, `the demo has a request ${state}`);
        return row;
      };
      const accepted = await requestIn('accepted');
      const [pathway] = await db
        .select()
        .from(pathways)
        .where(eq(pathways.supportRequestId, accepted.id));
      assert.equal(pathway?.personId, accepted.personId);
      const team = await db
        .select({ memberId: careTeamMembers.memberId })
        .from(careTeamMembers)
        .where(eq(careTeamMembers.personId, pathway.personId));
      assert.ok(team.some((m) => m.memberId === pathway.assessorMemberId));
      const redirected = await requestIn('redirected');
      const [referral] = await db
        .select()
        .from(referrals)
        .where(eq(referrals.supportRequestId, redirected.id));
      assert.equal(referral?.state, 'sent');
    });

    it('has closed-loop referrals in every state, one overdue, waiting in the demo inboxes', async () => {
      const db = database().db;
      const rows = await db.select().from(referrals);
      assert.deepEqual([...new Set(rows.map((r) => r.state))].sort(), [
        'completed',
        'filled',
        'sent',
      ]);
      const recipients = await db.select().from(referralRecipients);
      assert.deepEqual([...new Set(recipients.map((r) => r.state))].sort(), [
        'accepted',
        'declined',
        'filled_by_other',
        'info_requested',
        'pending',
      ]);
      assert.ok(rows.every((r) => recipients.some((x) => x.referralId === r.id)));
      const overdue = await listOverdueReferrals(db, new Date());
      assert.ok(overdue.some((o) => o.personId !== null && o.lateByMs > 0));
      const [gp] = await db.select().from(users).where(eq(users.email, 'medecin@reseau-demo.fr'));
      const inbox = await findInboxReferralIds(db, gp!.memberId!);
      assert.ok(inbox.length >= 1);
    });

    it("gives the demo GP answered requests to read in 'my requests'", async () => {
      const [gp] = await database()
        .db.select({ id: users.id })
        .from(users)
        .where(eq(users.email, 'medecin@reseau-demo.fr'));
      const mine = await database()
        .db.select({ state: supportRequests.state })
        .from(supportRequests)
        .where(eq(supportRequests.requesterUserId, gp!.id));
      assert.deepEqual([...new Set(mine.map((r) => r.state))].sort(), [
        'accepted',
        'declined',
        'redirected',
      ]);
    });
  });
}
