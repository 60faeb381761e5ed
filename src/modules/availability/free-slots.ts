import { DateTime, IANAZone } from 'luxon';

/** A half-open interval [start, end) in epoch milliseconds. */
export type TInterval = { start: number; end: number };

/** One range of a weekday in local wall time: ISO weekday 1–7, minutes since local midnight. */
export type TWeeklyRange = { weekday: number; startMinute: number; endMinute: number };

/**
 * The week of a member with no working hours recorded (decision 030): Monday to Friday,
 * 08:00–19:00 local time. Proposing a slot on Saturday at 3 a.m. to someone who never said
 * when they work would help nobody; the screen says which participants are on this default.
 */
export const DEFAULT_WEEK: readonly TWeeklyRange[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  startMinute: 8 * 60,
  endMinute: 19 * 60,
}));

/** What the search knows of one participant. */
export type TParticipantTime = {
  memberId: string;
  /** Null: nothing recorded, DEFAULT_WEEK applies. */
  week: readonly TWeeklyRange[] | null;
  /** Absences and planned/confirmed appointments, in any order, overlapping or not. */
  busy: readonly TInterval[];
};

export type TFreeSlotQuery = {
  participants: readonly TParticipantTime[];
  from: number;
  to: number;
  durationMinutes: number;
  timeZone: string;
  withinWorkingHours: boolean;
  /** Local hours bounding every day (0–24), on top of working hours. */
  earliestHour?: number;
  latestHour?: number;
  /** Proposed starts fall on this grid (minutes from the local hour), one every step. */
  stepMinutes: number;
  maxSlots: number;
};

export type TFreeSlotAnswer = {
  /** Every stretch when all participants are free, at least durationMinutes long. */
  windows: TInterval[];
  /** Starts on the grid inside those windows, at most maxSlots, earliest first. */
  slots: TInterval[];
};

const MINUTE = 60_000;

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: readonly TInterval[]): TInterval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: TInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** free minus busy, both merged lists (two-pointer walk). */
export function subtractIntervals(free: readonly TInterval[], busy: readonly TInterval[]) {
  const result: TInterval[] = [];
  let b = 0;
  for (const interval of free) {
    let start = interval.start;
    while (b < busy.length && busy[b]!.end <= start) b++;
    let k = b;
    while (k < busy.length && busy[k]!.start < interval.end) {
      if (busy[k]!.start > start) result.push({ start, end: busy[k]!.start });
      start = Math.max(start, busy[k]!.end);
      k++;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}

/**
 * The stretches covered by all of the lists (each merged): a sweep over their ends, counting how
 * many lists cover the current instant; an end sorts before a start at the same instant, so that
 * two stretches that only touch (one ends at 10:00, the other starts at 10:00) share nothing.
 */
export function intersectAll(lists: readonly (readonly TInterval[])[]): TInterval[] {
  if (lists.length === 0) return [];
  const events: [number, 1 | -1][] = [];
  for (const list of lists) for (const i of list) events.push([i.start, 1], [i.end, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const result: TInterval[] = [];
  let covering = 0;
  let openedAt = 0;
  for (const [at, delta] of events) {
    if (delta === 1 && ++covering === lists.length) openedAt = at;
    if (delta === -1) {
      if (covering === lists.length && at > openedAt) result.push({ start: openedAt, end: at });
      covering--;
    }
  }
  return result;
}

/** Instants of local wall times already computed: every search asks the same days and hours. */
const instants = new Map<string, number>();
const MAX_REMEMBERED = 100_000;

/**
 * A local wall time of a day (YYYY-MM-DD in the zone) as an instant; a time that does not exist
 * that day moves forward. Remembered: luxon reads the zone's offset through Intl, which costs tens
 * of microseconds a call, and a search lays the same few hours on the same days for each member.
 */
function localInstant(timeZone: string, date: string, minute: number): number {
  const key = `${timeZone}|${date}|${String(minute)}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    const day = DateTime.fromISO(date, { zone: timeZone });
    instant =
      minute >= 1440
        ? day.plus({ days: 1 }).startOf('day').toMillis()
        : day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

const DAY = 86_400_000;
const QUARTER = 900_000;
/** Offsets (ms) of a zone by quarter hour: zones change offset on a quarter hour at the latest. */
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in ms (remembered by quarter hour). */
function offsetAt(timeZone: string, instant: number): number {
  const quarter = Math.floor(instant / QUARTER);
  const key = `${timeZone}|${String(quarter)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(timeZone).offset(quarter * QUARTER) * 60_000;
    if (offsets.size >= MAX_REMEMBERED) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local days (date and ISO weekday) that [from, to) touches, in the zone. */
function localDays(from: number, to: number, timeZone: string) {
  const days: { date: string; weekday: number }[] = [];
  // Local midnights written as if they were UTC: plain arithmetic gives dates and weekdays.
  let local = Math.floor((from + offsetAt(timeZone, from)) / DAY) * DAY;
  for (;;) {
    const date = new Date(local).toISOString().slice(0, 10);
    if (localInstant(timeZone, date, 0) >= to) break;
    days.push({ date, weekday: new Date(local).getUTCDay() || 7 });
    local += DAY;
  }
  return days;
}

/**
 * The weekly ranges laid on the calendar between from and to, each day read in the time zone:
 * 08:00 is 07:00 UTC in winter and 06:00 UTC in summer, and the Sunday of a change is 23 or 25
 * hours long.
 */
export function weekOnCalendar(
  week: readonly TWeeklyRange[],
  from: number,
  to: number,
  timeZone: string,
  days = localDays(from, to, timeZone),
): TInterval[] {
  const intervals: TInterval[] = [];
  for (const day of days)
    for (const range of week)
      if (range.weekday === day.weekday)
        intervals.push({
          start: localInstant(timeZone, day.date, range.startMinute),
          end: localInstant(timeZone, day.date, range.endMinute),
        });
  return mergeIntervals(intervals).flatMap((i) => {
    const start = Math.max(i.start, from);
    const end = Math.min(i.end, to);
    return end > start ? [{ start, end }] : [];
  });
}

/**
 * Finds the times when every participant is free: inside their working hours (unless the search
 * ignores them), outside their absences and appointments, inside the daily local bounds; then
 * proposes starts on a grid inside those windows. Pure: the caller reads the database.
 */
export function findFreeSlots(query: TFreeSlotQuery): TFreeSlotAnswer {
  const { from, to, timeZone } = query;
  const duration = query.durationMinutes * MINUTE;
  const whole = [{ start: from, end: to }];
  const days = localDays(from, to, timeZone);
  const lists = query.participants.map((p) => {
    const working = query.withinWorkingHours
      ? weekOnCalendar(p.week ?? DEFAULT_WEEK, from, to, timeZone, days)
      : whole;
    return subtractIntervals(working, mergeIntervals(p.busy));
  });
  const earliest = query.earliestHour ?? 0;
  const latest = query.latestHour ?? 24;
  if (earliest > 0 || latest < 24) {
    const bounds = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startMinute: earliest * 60,
      endMinute: latest * 60,
    }));
    lists.push(weekOnCalendar(bounds, from, to, timeZone, days));
  }
  const windows = intersectAll(lists).filter((w) => w.end - w.start >= duration);
  return { windows, slots: slotsIn(windows, duration, query) };
}

/** Starts on the local grid (e.g. every 15 minutes past the hour) that fit in the windows. */
function slotsIn(windows: readonly TInterval[], duration: number, query: TFreeSlotQuery) {
  const step = query.stepMinutes * MINUTE;
  const slots: TInterval[] = [];
  for (const window of windows) {
    const offset = offsetAt(query.timeZone, window.start);
    const hour = Math.floor((window.start + offset) / 3_600_000) * 3_600_000 - offset;
    let start = hour + Math.ceil((window.start - hour) / step) * step;
    while (start + duration <= window.end) {
      slots.push({ start, end: start + duration });
      if (slots.length >= query.maxSlots) return slots;
      start += step;
    }
  }
  return slots;
}
