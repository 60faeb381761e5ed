import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  deleteAbsence,
  editsAnOrganisationOf,
  findAbsences,
  findWeeks,
  insertAbsence,
  memberExists,
  replaceWeek,
} from './availability.repository.js';
import { availabilityPolicy } from './availability.policy.js';
import type { TAbsenceInput, TWorkingHoursInput } from './availability.schemas.js';
import type { TWeeklyRange } from './free-slots.js';

const DAY_MS = 86_400_000;
const forbidden = () => new AppError('forbidden', 'availability.forbidden');

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A week as the API shows it. */
export const weekShown = (week: readonly TWeeklyRange[]) =>
  week.map((r) => ({
    weekday: r.weekday,
    start: clockOf(r.startMinute),
    end: clockOf(r.endMinute),
  }));

/** Reads a week from the API, refusing (422) a range that ends before it starts or overlaps. */
function weekRead(input: TWorkingHoursInput): TWeeklyRange[] {
  const ranges = input.ranges
    .map((r) => ({
      weekday: r.weekday,
      startMinute: minutesOf(r.start),
      endMinute: minutesOf(r.end),
    }))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  ranges.forEach((range, index) => {
    if (range.endMinute <= range.startMinute)
      throw fieldError(`ranges.${String(index)}.end`, 'availability.range_order');
    const previous = ranges[index - 1];
    if (previous && previous.weekday === range.weekday && previous.endMinute > range.startMinute)
      throw fieldError(`ranges.${String(index)}.start`, 'availability.range_overlap');
  });
  return ranges;
}

/** Refuses (404) an unknown member, then (403) someone who may not edit their availability. */
async function assertMayEdit(ctx: TContext, memberId: string) {
  if (!(await memberExists(ctx.db, memberId))) throw notFound('member');
  const editor =
    ctx.actor.memberId !== null &&
    ctx.actor.memberId !== memberId &&
    !availabilityPolicy.isStaff(ctx.actor) &&
    (await editsAnOrganisationOf(ctx.db, ctx.actor.memberId, memberId));
  if (!availabilityPolicy.canEdit(ctx.actor, memberId, editor)) throw forbidden();
}

/** A member's working week and absences over a period; labels only for the member and staff. */
export async function getAvailability(
  ctx: TContext,
  memberId: string,
  period: { from?: string; to?: string },
) {
  if (!availabilityPolicy.canRead(ctx.actor)) throw forbidden();
  if (!(await memberExists(ctx.db, memberId))) throw notFound('member');
  const from = period.from ? new Date(period.from) : new Date();
  const to = period.to ? new Date(period.to) : new Date(from.getTime() + 180 * DAY_MS);
  if (to <= from) throw fieldError('to', 'availability.period_order');
  const editor =
    ctx.actor.memberId !== null &&
    (await editsAnOrganisationOf(ctx.db, ctx.actor.memberId, memberId));
  const [weeks, away] = await Promise.all([
    findWeeks(ctx.db, [memberId]),
    findAbsences(ctx.db, [memberId], from, to),
  ]);
  const week = weeks.get(memberId);
  const labels = availabilityPolicy.canReadLabels(ctx.actor, memberId);
  return {
    memberId,
    timeZone: ctx.config.timeZone,
    canEdit: availabilityPolicy.canEdit(ctx.actor, memberId, editor),
    usesDefaultWeek: week === undefined,
    week: weekShown(week ?? []),
    absences: away.map((a) => ({
      id: a.id,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      kind: a.kind,
      label: labels ? a.label : null,
    })),
  };
}

/** Replaces a member's working week (the member, their organisation's editors, staff). */
export async function setWorkingHours(ctx: TContext, memberId: string, input: TWorkingHoursInput) {
  const week = weekRead(input);
  await assertMayEdit(ctx, memberId);
  return withTransaction(ctx.db, async (tx) => {
    await replaceWeek(tx, memberId, week);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'availability.working_hours.set',
      resourceType: 'member',
      resourceId: memberId,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { ranges: week.length },
    });
    return { memberId, usesDefaultWeek: week.length === 0, week: weekShown(week) };
  });
}

/** Records an absence of a member. */
export async function addAbsence(ctx: TContext, memberId: string, input: TAbsenceInput) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw fieldError('endsAt', 'availability.absence_order');
  if (endsAt.getTime() - startsAt.getTime() > 366 * DAY_MS)
    throw fieldError('endsAt', 'availability.absence_too_long');
  await assertMayEdit(ctx, memberId);
  return withTransaction(ctx.db, async (tx) => {
    const row = await insertAbsence(tx, {
      memberId,
      startsAt,
      endsAt,
      kind: input.kind,
      label: input.label || null,
      createdByUserId: ctx.actor.userId,
    });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'availability.absence.add',
      resourceType: 'absence',
      resourceId: row.id,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { memberId, kind: row.kind },
    });
    return {
      id: row.id,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      kind: row.kind,
      label: row.label,
    };
  });
}

/** Removes an absence of a member (404 if it is not theirs). */
export async function removeAbsence(ctx: TContext, memberId: string, absenceId: string) {
  await assertMayEdit(ctx, memberId);
  await withTransaction(ctx.db, async (tx) => {
    if (!(await deleteAbsence(tx, memberId, absenceId))) throw notFound('absence');
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'availability.absence.remove',
      resourceType: 'absence',
      resourceId: absenceId,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { memberId },
    });
  });
}
