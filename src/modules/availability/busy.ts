import { and, gt, gte, inArray, lt } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { appointmentParticipants } from '../../db/schema/index.js';
import { findAbsences } from './availability.repository.js';
import type { TInterval } from './free-slots.js';

/**
 * The longest appointment the busy read sees whole (decision 030): it reads participants' rows by
 * (member_id, starts_at) from `from − MAX_APPOINTMENT_SPAN`, so that one index range per member
 * serves it instead of their whole history. The agenda refuses longer appointments.
 */
export const MAX_APPOINTMENT_SPAN_MS = 7 * 24 * 3_600_000;

/** Appointment statuses that hold a participant's time. */
const HOLDING = ['planned', 'confirmed'] as const;

/** Who is absent when (for the agenda's conflict check): no label, only that they are absent. */
export type TAbsenceConflict = {
  memberId: string;
  absenceId: string;
  startsAt: Date;
  endsAt: Date;
  kind: 'leave' | 'training' | 'other';
};

/**
 * The absences of the given members that overlap [startsAt, endsAt) — the agenda's findConflicts
 * calls it to flag an appointment proposed while a participant is away.
 */
export async function findAbsenceConflicts(
  db: TDb,
  options: { memberIds: readonly string[]; startsAt: Date; endsAt: Date },
): Promise<TAbsenceConflict[]> {
  if (options.memberIds.length === 0) return [];
  const rows = await findAbsences(db, options.memberIds, options.startsAt, options.endsAt);
  return rows.map((row) => ({
    memberId: row.memberId,
    absenceId: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    kind: row.kind,
  }));
}

/**
 * Each member's busy time between from and to: planned or confirmed appointments (one range read
 * on appointment_participants for all of them) and absences.
 */
export async function findBusyTimes(
  db: TDb,
  memberIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, TInterval[]>> {
  const busy = new Map<string, TInterval[]>(memberIds.map((id) => [id, []]));
  const [appointments, away] = await Promise.all([
    db
      .select({
        memberId: appointmentParticipants.memberId,
        startsAt: appointmentParticipants.startsAt,
        endsAt: appointmentParticipants.endsAt,
      })
      .from(appointmentParticipants)
      .where(
        and(
          inArray(appointmentParticipants.memberId, [...memberIds]),
          gte(appointmentParticipants.startsAt, new Date(from.getTime() - MAX_APPOINTMENT_SPAN_MS)),
          lt(appointmentParticipants.startsAt, to),
          gt(appointmentParticipants.endsAt, from),
          inArray(appointmentParticipants.status, [...HOLDING]),
        ),
      ),
    findAbsences(db, memberIds, from, to),
  ]);
  for (const row of [...appointments, ...away])
    busy.get(row.memberId)?.push({ start: row.startsAt.getTime(), end: row.endsAt.getTime() });
  return busy;
}
