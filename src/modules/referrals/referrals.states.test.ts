import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideReferralAccess, type TReferralFacts } from '../access/access.policy.js';
import {
  checkReferralMove,
  lateness,
  recipientMoves,
  REFERRAL_DELAYS_MS,
  REFERRAL_RECIPIENT_STATES,
  REFERRAL_STATES,
  REFERRAL_TRANSITIONS,
  type TReferralMove,
} from './referrals.states.js';

const MOVES = Object.keys(REFERRAL_TRANSITIONS) as TReferralMove[];

/** The table written out by hand, move by move: what the product says, not what the code does. */
const EXPECTED: Record<TReferralMove, { referral: string[]; recipient: string[] | null }> = {
  accept: { referral: ['sent'], recipient: ['pending', 'info_requested'] },
  decline: { referral: ['sent'], recipient: ['pending', 'info_requested'] },
  request_info: { referral: ['sent'], recipient: ['pending'] },
  answer_info: { referral: ['sent'], recipient: ['info_requested'] },
  fill_other: { referral: ['filled'], recipient: ['pending', 'info_requested'] },
  complete: { referral: ['filled'], recipient: null },
  cancel: { referral: ['sent', 'filled'], recipient: null },
};

describe('the referral state machine', () => {
  it('allows exactly the moves of the table, for every referral and recipient state', () => {
    let checked = 0;
    for (const move of MOVES) {
      for (const referral of REFERRAL_STATES) {
        const states = EXPECTED[move].recipient ? REFERRAL_RECIPIENT_STATES : [undefined];
        for (const recipient of states) {
          const legal =
            EXPECTED[move].referral.includes(referral) &&
            (EXPECTED[move].recipient === null ||
              EXPECTED[move].recipient.includes(recipient as string));
          const problem = checkReferralMove(move, referral, recipient);
          assert.equal(problem === null, legal, `${move} from ${referral}/${recipient ?? '-'}`);
          if (problem) {
            assert.equal(
              problem.kind,
              EXPECTED[move].referral.includes(referral) ? 'recipient' : 'referral',
            );
          }
          checked++;
        }
      }
    }
    assert.equal(checked, 5 * 4 * 5 + 2 * 4);
  });

  it('lands each move in the states the product names', () => {
    assert.equal(REFERRAL_TRANSITIONS.accept.referralTo, 'filled');
    assert.equal(REFERRAL_TRANSITIONS.accept.recipientTo, 'accepted');
    assert.equal(REFERRAL_TRANSITIONS.decline.recipientTo, 'declined');
    assert.equal(REFERRAL_TRANSITIONS.request_info.recipientTo, 'info_requested');
    assert.equal(REFERRAL_TRANSITIONS.answer_info.recipientTo, 'pending');
    assert.equal(REFERRAL_TRANSITIONS.fill_other.recipientTo, 'filled_by_other');
    assert.equal(REFERRAL_TRANSITIONS.complete.referralTo, 'completed');
    assert.equal(REFERRAL_TRANSITIONS.cancel.referralTo, 'cancelled');
  });

  it("offers a recipient's buttons from the same table", () => {
    assert.deepEqual(recipientMoves('sent', 'pending'), ['accept', 'decline', 'request_info']);
    assert.deepEqual(recipientMoves('sent', 'info_requested'), ['accept', 'decline']);
    assert.deepEqual(recipientMoves('filled', 'pending'), []);
    assert.deepEqual(recipientMoves('sent', 'declined'), []);
  });

  it('is late only past its urgency’s delay', () => {
    const sent = new Date('2026-12-01T08:00:00Z');
    assert.equal(REFERRAL_DELAYS_MS.within_24h, 86_400_000);
    assert.equal(lateness(sent, 'within_24h', new Date('2026-12-02T07:59:00Z')), 0);
    assert.equal(lateness(sent, 'within_24h', new Date('2026-12-02T09:00:00Z')), 3_600_000);
    assert.equal(lateness(sent, 'within_7d', new Date('2026-12-05T08:00:00Z')), 0);
    assert.equal(lateness(sent, 'within_30d', new Date('2026-12-31T08:00:00Z')), 0);
  });
});

describe('who may send, read, answer and follow a referral (decideReferralAccess)', () => {
  const base: TReferralFacts = {
    role: 'professional',
    personless: false,
    personRead: false,
    personWrite: false,
    isRequester: false,
    isRecipient: false,
    objected: false,
  };
  const decide = (
    facts: Partial<TReferralFacts>,
    action: Parameters<typeof decideReferralAccess>[1],
  ) => decideReferralAccess({ ...base, ...facts }, action);

  it('lets the care team send, follow and read all of it', () => {
    for (const action of ['send', 'follow', 'read'] as const) {
      const decision = decide({ personRead: true, personWrite: true }, action);
      assert.deepEqual([decision.allowed, decision.view], [true, 'full'], action);
    }
    assert.equal(decide({ personRead: true }, 'read').view, 'full');
    assert.equal(decide({ personRead: true }, 'send').allowed, false);
    assert.equal(decide({ personRead: true }, 'answer').allowed, false);
  });

  it('lets a recipient outside the team read what they decide on, and answer, nothing more', () => {
    const read = decide({ isRecipient: true }, 'read');
    assert.deepEqual([read.allowed, read.view], [true, 'addressed']);
    assert.equal(decide({ isRecipient: true }, 'answer').allowed, true);
    assert.equal(decide({ isRecipient: true }, 'follow').allowed, false);
    assert.equal(decide({ isRecipient: true }, 'send').allowed, false);
  });

  it('refuses a member the person objects to, even a recipient or the team', () => {
    for (const action of ['send', 'read', 'answer', 'follow'] as const) {
      assert.equal(
        decide({ objected: true, isRecipient: true, personRead: true, personWrite: true }, action)
          .allowed,
        false,
        action,
      );
    }
  });

  it('refuses patients, steering and strangers', () => {
    assert.equal(
      decide({ role: 'steering', isRecipient: true, personRead: true }, 'read').allowed,
      false,
    );
    // the person reads the referrals about them, and does nothing else with them
    assert.equal(decide({ role: 'patient', personRead: true }, 'read').view, 'full');
    assert.equal(decide({ role: 'patient' }, 'read').allowed, false);
    for (const action of ['send', 'answer', 'follow'] as const) {
      assert.equal(
        decide({ role: 'patient', personRead: true, personWrite: true }, action).allowed,
        false,
      );
    }
    for (const action of ['send', 'read', 'answer', 'follow'] as const) {
      assert.equal(decide({}, action).allowed, false, action);
    }
  });

  it('has a personless referral followed by its requester and the coordination team', () => {
    assert.equal(decide({ personless: true, isRequester: true }, 'follow').allowed, true);
    assert.equal(decide({ personless: true, role: 'coordinator' }, 'read').view, 'full');
    assert.equal(decide({ personless: true }, 'read').allowed, false);
    assert.equal(decide({ personless: true, isRecipient: true }, 'read').view, 'addressed');
  });
});
