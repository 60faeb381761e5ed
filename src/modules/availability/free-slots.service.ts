import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { existingMemberIds, findWeeks } from './availability.repository.js';
import { availabilityPolicy } from './availability.policy.js';
import type { TFreeSlotRequest } from './availability.schemas.js';
import { findBusyTimes } from './busy.js';
import { findFreeSlots } from './free-slots.js';

const DAY_MS = 86_400_000;
/** The longest period one search covers (decision 030). */
export const MAX_SEARCH_DAYS = 31;
const MAX_SLOTS = 60;

/**
 * Times when all chosen members are free (decision 030): three reads (the members, their weeks,
 * their busy times in one range on appointment_participants plus absences), then the pure sweep.
 */
export async function searchFreeSlots(ctx: TContext, request: TFreeSlotRequest) {
  if (!availabilityPolicy.canRead(ctx.actor))
    throw new AppError('forbidden', 'availability.forbidden');
  const from = new Date(request.from);
  const to = new Date(request.to);
  if (to <= from) throw fieldError('to', 'availability.period_order');
  if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * DAY_MS)
    throw fieldError('to', 'availability.period_too_long');
  if (
    request.earliestHour !== undefined &&
    request.latestHour !== undefined &&
    request.latestHour <= request.earliestHour
  )
    throw fieldError('latestHour', 'availability.hours_order');
  const memberIds = [...new Set(request.memberIds)];
  const [known, weeks, busy] = await Promise.all([
    existingMemberIds(ctx.db, memberIds),
    findWeeks(ctx.db, memberIds),
    findBusyTimes(ctx.db, memberIds, from, to),
  ]);
  const unknown = memberIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw fieldError(`memberIds.${String(unknown)}`, 'availability.unknown_member');
  const answer = findFreeSlots({
    participants: memberIds.map((memberId) => ({
      memberId,
      week: weeks.get(memberId) ?? null,
      busy: busy.get(memberId) ?? [],
    })),
    from: from.getTime(),
    to: to.getTime(),
    durationMinutes: request.durationMinutes,
    timeZone: ctx.config.timeZone,
    withinWorkingHours: request.withinWorkingHours,
    earliestHour: request.earliestHour,
    latestHour: request.latestHour,
    stepMinutes: request.stepMinutes,
    maxSlots: MAX_SLOTS + 1,
  });
  const span = (i: { start: number; end: number }) => ({
    startsAt: new Date(i.start).toISOString(),
    endsAt: new Date(i.end).toISOString(),
  });
  return {
    timeZone: ctx.config.timeZone,
    windows: answer.windows.map(span),
    slots: answer.slots.slice(0, MAX_SLOTS).map(span),
    truncated: answer.slots.length > MAX_SLOTS,
    participants: memberIds.map((memberId) => ({
      memberId,
      usesDefaultWeek: !weeks.has(memberId),
    })),
  };
}
