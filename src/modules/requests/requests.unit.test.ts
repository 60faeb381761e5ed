import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge as solve } from '../../../test/helpers/request-factories.js';
import {
  answerNumber,
  CHALLENGE_MIN_FILL_MS,
  CHALLENGE_TTL_MS,
  issueChallenge,
  verifyChallenge,
} from './human-check.js';
import {
  isPastDelay,
  nextRequestState,
  REQUEST_STATES,
  type TTriageDecision,
} from './requests.states.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const DECISIONS: TTriageDecision[] = ['accept', 'redirect', 'decline'];

describe('request states', () => {
  it('moves a received request to each answer, and an answered one nowhere (every pair)', () => {
    const expected: Record<string, string | null> = {
      'received accept': 'accepted',
      'received redirect': 'redirected',
      'received decline': 'declined',
    };
    for (const from of REQUEST_STATES)
      for (const decision of DECISIONS)
        assert.equal(
          nextRequestState(from, decision),
          expected[`${from} ${decision}`] ?? null,
          `${from} ${decision}`,
        );
  });

  it('flags a request past its urgency delay: 1, 7 and 30 days', () => {
    const now = new Date('2026-06-30T12:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const flag = (urgency: 'same_day' | 'week' | 'routine', days: number) =>
      isPastDelay({ urgency, receivedAt: ago(days), answeredAt: null }, now);
    assert.deepEqual(
      [flag('same_day', 0.9), flag('same_day', 1.1), flag('week', 6.9), flag('week', 7.1)],
      [false, true, false, true],
    );
    assert.deepEqual([flag('routine', 29), flag('routine', 31)], [false, true]);
    // answered in time stays unflagged however old it is now
    assert.equal(
      isPastDelay({ urgency: 'same_day', receivedAt: ago(10), answeredAt: ago(9.5) }, now),
      false,
    );
  });
});

describe('human check', () => {
  const issued = new Date('2026-06-30T12:00:00Z');
  const later = new Date(issued.getTime() + CHALLENGE_MIN_FILL_MS + 1000);

  it('accepts the right sum, in digits or in words, and gives back the nonce', () => {
    for (const locale of ['fr', 'en'] as const) {
      const challenge = issueChallenge(SECRET, locale, issued);
      const answer = solve(challenge.question);
      const nonce = verifyChallenge(SECRET, { token: challenge.token, answer }, later);
      assert.equal(nonce, challenge.token.split('.')[0]);
    }
    assert.equal(answerNumber(' Douze '), 12);
    assert.equal(answerNumber('eleven'), 11);
    assert.equal(answerNumber('beaucoup'), null);
  });

  it('refuses a wrong answer, an answer too fast, an expired question and a forged token', () => {
    const challenge = issueChallenge(SECRET, 'fr', issued);
    const right = solve(challenge.question);
    const wrong = String(Number(right) + 1);
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { details: { fields: { field: string; message: string }[] } }).details
          .fields[0];
      }
      assert.fail('accepted');
    };
    assert.deepEqual(
      fieldOf(() => verifyChallenge(SECRET, { token: challenge.token, answer: wrong }, later)),
      { field: 'humanCheck.answer', message: 'request.human_check_wrong' },
    );
    assert.equal(
      fieldOf(() => verifyChallenge(SECRET, { token: challenge.token, answer: right }, issued))
        ?.message,
      'request.human_check_too_fast',
    );
    const expired = new Date(issued.getTime() + CHALLENGE_TTL_MS + 1);
    assert.equal(
      fieldOf(() => verifyChallenge(SECRET, { token: challenge.token, answer: right }, expired))
        ?.message,
      'request.human_check_expired',
    );
    // another secret, or a longer expiry written into the token, breaks the seal
    assert.equal(
      fieldOf(() => verifyChallenge(`${SECRET}x`, { token: challenge.token, answer: right }, later))
        ?.message,
      'request.human_check_wrong',
    );
    const [nonce, at, , mac] = challenge.token.split('.');
    const forged = `${nonce!}.${at!}.${String(expired.getTime() + 1e9)}.${mac!}`;
    assert.equal(
      fieldOf(() => verifyChallenge(SECRET, { token: forged, answer: right }, expired))?.message,
      'request.human_check_wrong',
    );
    assert.equal(
      fieldOf(() => verifyChallenge(SECRET, { token: 'junk', answer: right }, later))?.message,
      'request.human_check_expired',
    );
  });
});
