import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APPOINTMENT_MOVES,
  APPOINTMENT_STATUSES,
  APPOINTMENT_TRANSITIONS,
  appointmentMoves,
  canMoveAppointment,
} from './agenda.states.js';

/** The table written out by hand: what the product says, not what the code does. */
const EXPECTED: Record<string, string[]> = {
  confirmed: ['planned'],
  done: ['planned', 'confirmed'],
  missed: ['planned', 'confirmed'],
  cancelled: ['planned', 'confirmed'],
};

describe('the appointment state machine', () => {
  it('allows exactly the moves of the table, from every status to every status', () => {
    let checked = 0;
    for (const to of APPOINTMENT_MOVES) {
      for (const from of APPOINTMENT_STATUSES) {
        assert.equal(canMoveAppointment(from, to), EXPECTED[to]!.includes(from), `${from} → ${to}`);
        checked++;
      }
    }
    assert.equal(checked, 4 * 5);
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...APPOINTMENT_MOVES].sort());
  });

  it('ends in done, missed and cancelled: no move leaves them', () => {
    for (const status of ['done', 'missed', 'cancelled'] as const) {
      assert.deepEqual(appointmentMoves(status), [], status);
    }
    assert.deepEqual(appointmentMoves('planned'), ['confirmed', 'done', 'missed', 'cancelled']);
    assert.deepEqual(appointmentMoves('confirmed'), ['done', 'missed', 'cancelled']);
  });

  it('requires a reason to cancel, and only to cancel', () => {
    for (const to of APPOINTMENT_MOVES) {
      assert.equal(APPOINTMENT_TRANSITIONS[to].reasonRequired, to === 'cancelled', to);
    }
  });
});
