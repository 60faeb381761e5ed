import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { occurrencesBetween, ruleEndingBefore, ruleProblem } from './recurrence.js';

const PARIS = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toJSDate();
const local = (date: Date) =>
  DateTime.fromJSDate(date, { zone: PARIS }).toFormat('ccc yyyy-MM-dd HH:mm');
const weekdays = { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', timeZone: PARIS, exdates: [] };

describe('recurrence in the network time zone', () => {
  it('keeps a 08:00 weekday visit at 08:00 local across the spring change (last Sunday of March)', () => {
    const series = { ...weekdays, firstStart: paris('2026-03-23T08:00') };
    const starts = occurrencesBetween(series, paris('2026-03-23T00:00'), paris('2026-04-04T00:00'));
    assert.deepEqual(starts.map(local), [
      'Mon 2026-03-23 08:00',
      'Tue 2026-03-24 08:00',
      'Wed 2026-03-25 08:00',
      'Thu 2026-03-26 08:00',
      'Fri 2026-03-27 08:00',
      'Mon 2026-03-30 08:00',
      'Tue 2026-03-31 08:00',
      'Wed 2026-04-01 08:00',
      'Thu 2026-04-02 08:00',
      'Fri 2026-04-03 08:00',
    ]);
    // 08:00 is 07:00 UTC in winter time, 06:00 UTC in summer time.
    assert.equal(starts[4]!.toISOString(), '2026-03-27T07:00:00.000Z');
    assert.equal(starts[5]!.toISOString(), '2026-03-30T06:00:00.000Z');
  });

  it('keeps it at 08:00 local across the autumn change (last Sunday of October)', () => {
    const series = { ...weekdays, firstStart: paris('2026-10-19T08:00') };
    const starts = occurrencesBetween(series, paris('2026-10-19T00:00'), paris('2026-11-01T00:00'));
    assert.equal(starts.length, 10);
    assert.ok(
      starts.every((start) => local(start).endsWith('08:00')),
      starts.map(local).join(),
    );
    assert.equal(starts[4]!.toISOString(), '2026-10-23T06:00:00.000Z');
    assert.equal(starts[5]!.toISOString(), '2026-10-26T07:00:00.000Z');
  });

  it('leaves out the exdates and keeps the window half-open', () => {
    const firstStart = paris('2026-03-23T08:00');
    const series = { ...weekdays, firstStart, exdates: [paris('2026-03-25T08:00')] };
    const starts = occurrencesBetween(series, firstStart, paris('2026-03-27T08:00'));
    assert.deepEqual(starts.map(local), [
      'Mon 2026-03-23 08:00',
      'Tue 2026-03-24 08:00',
      'Thu 2026-03-26 08:00',
    ]);
  });

  it('ends a rule before an occurrence ("this and following"), in local time', () => {
    const series = { ...weekdays, firstStart: paris('2026-03-23T08:00') };
    const ended = ruleEndingBefore(series.rrule, PARIS, paris('2026-03-31T08:00'));
    const starts = occurrencesBetween(
      { ...series, rrule: ended },
      paris('2026-03-23T00:00'),
      paris('2026-04-30T00:00'),
    );
    assert.equal(local(starts.at(-1)!), 'Mon 2026-03-30 08:00');
    assert.equal(starts.length, 6);
  });

  it('refuses rules it cannot use', () => {
    assert.equal(ruleProblem('FREQ=WEEKLY;BYDAY=MO'), null);
    assert.equal(ruleProblem('FREQ=HOURLY'), 'frequency');
    assert.equal(ruleProblem('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY'), 'dtstart');
    assert.equal(ruleProblem('BYDAY=MO'), 'frequency');
    assert.notEqual(ruleProblem('FREQ=WEEKLY;BYDAY=XX'), null);
  });
});

describe('recurrence from any first start', () => {
  it('keeps the first occurrence when the first start has seconds and milliseconds', () => {
    const firstStart = new Date('2026-12-07T07:00:12.345Z');
    const series = { rrule: 'FREQ=DAILY;COUNT=2', timeZone: PARIS, exdates: [], firstStart };
    const starts = occurrencesBetween(series, firstStart, new Date('2026-12-31T00:00:00Z'));
    assert.deepEqual(
      starts.map((start) => start.toISOString()),
      ['2026-12-07T07:00:12.345Z', '2026-12-08T07:00:12.345Z'],
    );
  });
});
