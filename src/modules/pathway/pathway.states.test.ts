import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTransition, PATHWAY_STATES, type TPathwayState } from './pathway.states.js';

/** Every legal move, written out by hand: the table must say exactly this, no more. */
const LEGAL = new Set([
  'requested→assessing',
  'requested→closed',
  'assessing→active',
  'assessing→suspended',
  'assessing→closed',
  'active→assessing',
  'active→suspended',
  'active→closed',
  'suspended→assessing',
  'suspended→active',
  'suspended→closed',
  'closed→assessing',
  'closed→active',
]);

/** A complete input for a target state. */
const inputFor = (to: TPathwayState) => ({
  to,
  reason: 'Hospitalisation longue',
  expectedEnd: '2027-01-15',
  closeReason: 'moved_away' as const,
});

describe('pathway state machine', () => {
  for (const from of PATHWAY_STATES) {
    for (const to of PATHWAY_STATES) {
      const legal = LEGAL.has(`${from}→${to}`);
      it(`${legal ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        assert.deepEqual(checkTransition(from, inputFor(to)), legal ? null : { kind: 'illegal' });
      });
    }
  }

  it('never allows staying in the same state', () => {
    for (const state of PATHWAY_STATES) {
      assert.deepEqual(checkTransition(state, inputFor(state)), { kind: 'illegal' });
    }
  });

  it('asks a suspension for its reason and its expected end', () => {
    assert.deepEqual(checkTransition('active', { to: 'suspended', expectedEnd: '2027-01-01' }), {
      kind: 'missing',
      field: 'reason',
    });
    assert.deepEqual(checkTransition('active', { to: 'suspended', reason: 'Hôpital' }), {
      kind: 'missing',
      field: 'expectedEnd',
    });
  });

  it('asks a closure for its reason from the list, and no words', () => {
    assert.deepEqual(checkTransition('active', { to: 'closed', reason: 'Parti' }), {
      kind: 'missing',
      field: 'closeReason',
    });
    assert.equal(checkTransition('active', { to: 'closed', closeReason: 'died' }), null);
  });

  it('asks a reopening for a reason in words', () => {
    assert.deepEqual(checkTransition('closed', { to: 'assessing', reason: '  ' }), {
      kind: 'missing',
      field: 'reason',
    });
  });
});
