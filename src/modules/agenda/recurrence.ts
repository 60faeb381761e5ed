/**
 * Recurring interventions (decision 029): an RFC 5545 rule read with the `rrule` package on the
 * series' local wall-clock time, each occurrence then placed in the series' time zone with luxon,
 * so that a 08:00 visit stays at 08:00 local time across daylight-saving changes.
 */
import { DateTime } from 'luxon';
import rrulePackage from 'rrule';

const { RRule } = rrulePackage;

/** How far ahead a series' occurrences are written as appointments. */
export const SERIES_HORIZON_DAYS = 84;
/** Frequencies a care intervention may have (no hourly rounds in an agenda). */
const FREQUENCIES = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);
/** The RFC 5545 rule parts a series may use (DTSTART and TZID come from the series). */
const RULE_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
  'BYWEEKNO',
  'BYYEARDAY',
]);
const WEEKDAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i;
/** No series produces more occurrences than this in one expansion (a guard, not a product limit). */
const MAX_OCCURRENCES = 2000;

export type TSeriesRule = {
  rrule: string;
  timeZone: string;
  firstStart: Date;
  exdates: readonly Date[];
};

/** A wall-clock time in the zone, as a "floating" UTC date (the rule's own arithmetic). */
function floating(at: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );
}

/** The instant a floating wall-clock time means in the zone. */
function placed(wall: Date, timeZone: string): Date {
  return DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      millisecond: wall.getUTCMilliseconds(),
    },
    { zone: timeZone },
  ).toJSDate();
}

/**
 * Checks an RRULE body (`FREQ=WEEKLY;BYDAY=MO,TU`): null when usable, else what is wrong, in
 * words for the field. DTSTART comes from the series' first start, never from the rule.
 */
export function ruleProblem(body: string): string | null {
  if (/DTSTART|TZID|\n/i.test(body)) return 'dtstart';
  for (const part of body.split(';')) {
    const [key, value] = part.split('=');
    if (!key || !value || !RULE_PARTS.has(key.toUpperCase())) return 'syntax';
    if (key.toUpperCase() === 'BYDAY' && !value.split(',').every((day) => WEEKDAY.test(day))) {
      return 'syntax';
    }
  }
  try {
    const options = RRule.parseString(body);
    if (options.freq === undefined || !FREQUENCIES.has(options.freq)) return 'frequency';
    return null;
  } catch {
    return 'syntax';
  }
}

/**
 * The starts (UTC instants) the rule gives in [from, until), the exdates left out. The rule
 * runs on wall-clock times of `timeZone` from the first start's local time.
 */
export function occurrencesBetween(series: TSeriesRule, from: Date, until: Date): Date[] {
  const rule = new RRule({
    ...RRule.parseString(series.rrule),
    dtstart: floating(series.firstStart, series.timeZone),
  });
  // The floating window is widened by a day each side: zones are at most 14 hours from UTC.
  const day = 86_400_000;
  const excluded = new Set(series.exdates.map((date) => date.getTime()));
  const starts: Date[] = [];
  rule.between(
    new Date(floating(from, series.timeZone).getTime() - day),
    new Date(floating(until, series.timeZone).getTime() + day),
    true,
    (wall) => {
      const start = placed(wall, series.timeZone);
      if (start >= from && start < until && !excluded.has(start.getTime())) starts.push(start);
      return starts.length < MAX_OCCURRENCES;
    },
  );
  return starts;
}

/** The end of the rule's occurrences before `before` (for "this and following"): UNTIL set. */
export function ruleEndingBefore(body: string, timeZone: string, before: Date): string {
  const options = RRule.parseString(body);
  delete options.count;
  // UNTIL is compared with the rule's floating wall-clock times.
  const until = new Date(floating(before, timeZone).getTime() - 1000);
  return new RRule({ ...options, until }).toString().replace(/^RRULE:/, '');
}

/** The horizon occurrences are written up to, from `now`. */
export function horizonFrom(now: Date): Date {
  return new Date(now.getTime() + SERIES_HORIZON_DAYS * 86_400_000);
}
