import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_WEEK,
  findFreeSlots,
  intersectAll,
  mergeIntervals,
  subtractIntervals,
  weekOnCalendar,
  type TFreeSlotQuery,
  type TInterval,
  type TParticipantTime,
} from './free-slots.js';

const PARIS = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);
const iv = (start: string, end: string): TInterval => ({ start: at(start), end: at(end) });
const shown = (list: readonly TInterval[]) =>
  list.map((i) => `${new Date(i.start).toISOString()}–${new Date(i.end).toISOString()}`);
const query = (
  participants: TParticipantTime[],
  from: string,
  to: string,
  extra: Partial<TFreeSlotQuery> = {},
): TFreeSlotQuery => ({
  participants,
  from: at(from),
  to: at(to),
  durationMinutes: 60,
  timeZone: PARIS,
  withinWorkingHours: true,
  stepMinutes: 30,
  maxSlots: 100,
  ...extra,
});
const weekdays = (startMinute: number, endMinute: number) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute, endMinute }));

describe('interval operations', () => {
  it('merges overlapping and touching intervals, dropping empty ones', () => {
    const merged = mergeIntervals([
      { start: 5, end: 7 },
      { start: 1, end: 3 },
      { start: 3, end: 4 },
      { start: 6, end: 9 },
      { start: 10, end: 10 },
    ]);
    assert.deepEqual(merged, [
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
  });

  it('subtracts busy stretches, including ones that straddle a free stretch', () => {
    const free = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    const busy = [
      { start: 2, end: 4 },
      { start: 8, end: 22 },
      { start: 28, end: 40 },
    ];
    assert.deepEqual(subtractIntervals(free, busy), [
      { start: 0, end: 2 },
      { start: 4, end: 8 },
      { start: 22, end: 28 },
    ]);
  });

  it('intersects several lists and shares nothing between stretches that only touch', () => {
    const a = [{ start: 0, end: 10 }];
    const b = [{ start: 10, end: 20 }];
    assert.deepEqual(intersectAll([a, b]), []);
    const c = [
      { start: 0, end: 4 },
      { start: 6, end: 12 },
    ];
    const d = [{ start: 2, end: 8 }];
    assert.deepEqual(intersectAll([c, d, [{ start: 0, end: 100 }]]), [
      { start: 2, end: 4 },
      { start: 6, end: 8 },
    ]);
  });
});

describe('free-slot search (decision 030)', () => {
  it('finds when two members with different hours and appointments are all free', () => {
    // Monday 2026-06-15, Paris is UTC+2.
    const nurse: TParticipantTime = {
      memberId: 'nurse',
      week: weekdays(8 * 60, 12 * 60),
      busy: [iv('2026-06-15T07:00:00Z', '2026-06-15T08:00:00Z')], // 09:00–10:00 local
    };
    const doctor: TParticipantTime = {
      memberId: 'doctor',
      week: weekdays(9 * 60, 18 * 60),
      busy: [iv('2026-06-15T08:30:00Z', '2026-06-15T09:00:00Z')], // 10:30–11:00 local
    };
    const answer = findFreeSlots(
      query([nurse, doctor], '2026-06-15T00:00:00Z', '2026-06-15T22:00:00Z', {
        durationMinutes: 30,
      }),
    );
    // Both free: 10:00–10:30 and 11:00–12:00 local.
    assert.deepEqual(shown(answer.windows), [
      '2026-06-15T08:00:00.000Z–2026-06-15T08:30:00.000Z',
      '2026-06-15T09:00:00.000Z–2026-06-15T10:00:00.000Z',
    ]);
    assert.deepEqual(
      answer.slots.map((s) => new Date(s.start).toISOString()),
      ['2026-06-15T08:00:00.000Z', '2026-06-15T09:00:00.000Z', '2026-06-15T09:30:00.000Z'],
    );
  });

  it('proposes a slot right after an appointment and right before the next (adjacency)', () => {
    const member: TParticipantTime = {
      memberId: 'm',
      week: null,
      busy: [
        iv('2026-06-15T06:00:00Z', '2026-06-15T08:00:00Z'), // 08:00–10:00 local
        iv('2026-06-15T09:00:00Z', '2026-06-15T17:00:00Z'), // 11:00–19:00 local
      ],
    };
    const answer = findFreeSlots(query([member], '2026-06-15T00:00:00Z', '2026-06-16T00:00:00Z'));
    assert.deepEqual(shown(answer.slots), ['2026-06-15T08:00:00.000Z–2026-06-15T09:00:00.000Z']);
  });

  it('finds nothing when the members never work at the same time', () => {
    const morning = { memberId: 'a', week: weekdays(8 * 60, 12 * 60), busy: [] };
    const afternoon = { memberId: 'b', week: weekdays(12 * 60, 18 * 60), busy: [] };
    const answer = findFreeSlots(
      query([morning, afternoon], '2026-06-15T00:00:00Z', '2026-06-20T00:00:00Z'),
    );
    assert.deepEqual(answer, { windows: [], slots: [] });
  });

  it('drops free stretches shorter than the duration', () => {
    const member: TParticipantTime = {
      memberId: 'm',
      week: weekdays(9 * 60, 10 * 60 + 45),
      busy: [],
    };
    const answer = findFreeSlots(
      query([member], '2026-06-15T00:00:00Z', '2026-06-16T00:00:00Z', { durationMinutes: 120 }),
    );
    assert.deepEqual(answer.windows, []);
  });

  it('ignores working hours when asked, keeping the daily local bounds', () => {
    const member: TParticipantTime = { memberId: 'm', week: weekdays(9 * 60, 10 * 60), busy: [] };
    const answer = findFreeSlots(
      query([member], '2026-06-20T00:00:00Z', '2026-06-21T00:00:00Z', {
        withinWorkingHours: false,
        earliestHour: 20,
        latestHour: 22,
      }),
    );
    // A Saturday, 20:00–22:00 local = 18:00–20:00 UTC.
    assert.deepEqual(shown(answer.windows), ['2026-06-20T18:00:00.000Z–2026-06-20T20:00:00.000Z']);
  });

  it('uses Monday to Friday 08:00–19:00 for a member with no working hours', () => {
    const laid = weekOnCalendar(
      DEFAULT_WEEK,
      at('2026-06-13T00:00:00Z'),
      at('2026-06-16T00:00:00Z'),
      PARIS,
    );
    assert.deepEqual(shown(laid), ['2026-06-15T06:00:00.000Z–2026-06-15T17:00:00.000Z']);
  });

  it('follows local working hours across the spring change (last Sunday of March)', () => {
    // Week of 2026-03-23: Sunday 29 March, 02:00 becomes 03:00. Works every day 08:00–09:00.
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startMinute: 8 * 60,
      endMinute: 9 * 60,
    }));
    const member = { memberId: 'm', week: everyDay, busy: [] };
    const answer = findFreeSlots(query([member], '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'));
    assert.deepEqual(shown(answer.windows), [
      '2026-03-27T07:00:00.000Z–2026-03-27T08:00:00.000Z',
      '2026-03-28T07:00:00.000Z–2026-03-28T08:00:00.000Z',
      '2026-03-29T06:00:00.000Z–2026-03-29T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z–2026-03-30T07:00:00.000Z',
    ]);
  });

  it('follows local working hours across the autumn change (last Sunday of October)', () => {
    // Sunday 2026-10-25, 03:00 becomes 02:00. Works Sunday 00:00–06:00: six local hours, seven real.
    const member = {
      memberId: 'm',
      week: [
        { weekday: 7, startMinute: 0, endMinute: 6 * 60 },
        { weekday: 1, startMinute: 8 * 60, endMinute: 9 * 60 },
      ],
      busy: [],
    };
    const answer = findFreeSlots(
      query([member], '2026-10-19T00:00:00Z', '2026-10-27T00:00:00Z', { stepMinutes: 60 }),
    );
    assert.deepEqual(shown(answer.windows), [
      '2026-10-19T06:00:00.000Z–2026-10-19T07:00:00.000Z',
      '2026-10-24T22:00:00.000Z–2026-10-25T05:00:00.000Z',
      '2026-10-26T07:00:00.000Z–2026-10-26T08:00:00.000Z',
    ]);
    // 00:00, 01:00, 02:00 (summer), 02:00 (winter), 03:00, 04:00, 05:00 local: seven starts.
    const sunday = answer.slots.filter(
      (s) => s.start >= at('2026-10-24T22:00:00Z') && s.start < at('2026-10-25T05:00:00Z'),
    );
    assert.equal(sunday.length, 7);
  });

  it('reads another network time zone as its own (New York changes on 8 March 2026)', () => {
    const member = {
      memberId: 'm',
      week: [7, 1].map((weekday) => ({ weekday, startMinute: 540, endMinute: 600 })),
      busy: [],
    };
    const answer = findFreeSlots(
      query([member], '2026-03-07T12:00:00Z', '2026-03-10T12:00:00Z', {
        timeZone: 'America/New_York',
      }),
    );
    assert.deepEqual(shown(answer.windows), [
      '2026-03-08T13:00:00.000Z–2026-03-08T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z–2026-03-09T14:00:00.000Z',
    ]);
  });

  it('lays the grid on the local half hour in a zone half an hour off (Asia/Kolkata)', () => {
    const member = { memberId: 'm', week: null, busy: [] };
    const answer = findFreeSlots(
      query([member], '2026-06-15T00:00:00Z', '2026-06-16T00:00:00Z', {
        timeZone: 'Asia/Kolkata',
        stepMinutes: 60,
      }),
    );
    // 08:00 local is 02:30 UTC.
    assert.equal(new Date(answer.slots[0]!.start).toISOString(), '2026-06-15T02:30:00.000Z');
  });

  it('stops at maxSlots', () => {
    const member = { memberId: 'm', week: null, busy: [] };
    const answer = findFreeSlots(
      query([member], '2026-06-15T00:00:00Z', '2026-06-27T00:00:00Z', { maxSlots: 5 }),
    );
    assert.equal(answer.slots.length, 5);
    assert.equal(answer.windows.length, 10);
  });
});
