/**
 * Double-booking (decision 029): the one place that says whether members are already taken at
 * a time: their other planned or confirmed appointments and their absences (the availability
 * module, decision 030), so every caller — create, edit, status — gets the same answer.
 */
import { inArray } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { members } from '../../db/schema/index.js';
import { runStatement, statement } from '../../db/statements.js';
import { findAbsenceConflicts } from '../availability/busy.js';

/** No appointment is longer than this: it bounds the index range the conflicts are read from. */
export const MAX_APPOINTMENT_MS = 24 * 3_600_000;

export type TConflict = {
  memberId: string;
  memberName: string;
  /** The other appointment; null when the member is absent then (leave, training…). */
  appointmentId: string | null;
  absent: boolean;
  startsAt: Date;
  endsAt: Date;
};

/**
 * One range of appointment_participants_member_idx (member_id, starts_at) per member: starts
 * between (start − the longest appointment) and the end, overlapping [start, end).
 */
const CONFLICTS = statement(
  'agenda_conflicts',
  `SELECT p.member_id, m.first_name || ' ' || m.last_name AS member_name,
          p.appointment_id, p.starts_at, p.ends_at
     FROM appointment_participants p JOIN members m ON m.id = p.member_id
    WHERE p.member_id = ANY($1::uuid[])
      AND p.starts_at > $2::timestamptz - make_interval(secs => $5::int)
      AND p.starts_at < $3::timestamptz AND p.ends_at > $2::timestamptz
      AND p.status IN ('planned', 'confirmed')
      AND ($4::uuid IS NULL OR p.appointment_id <> $4::uuid)
    ORDER BY m.last_name, p.starts_at`,
);

/** The members' other appointments that overlap [startsAt, endsAt), in one indexed query. */
export async function findConflicts(
  db: TDb,
  options: {
    memberIds: readonly string[];
    startsAt: Date;
    endsAt: Date;
    excludeAppointmentId?: string;
  },
): Promise<TConflict[]> {
  if (options.memberIds.length === 0) return [];
  const rows = await runStatement<{
    member_id: string;
    member_name: string;
    appointment_id: string;
    starts_at: Date;
    ends_at: Date;
  }>(db, CONFLICTS, [
    [...new Set(options.memberIds)],
    options.startsAt,
    options.endsAt,
    options.excludeAppointmentId ?? null,
    MAX_APPOINTMENT_MS / 1000,
  ]);
  const booked = rows.map((row) => ({
    memberId: row.member_id,
    memberName: row.member_name,
    appointmentId: row.appointment_id,
    absent: false,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
  }));
  // Absences (decision 030): never their label, which is the member's own.
  const away = await findAbsenceConflicts(db, options);
  if (!away.length) return booked;
  const names = await memberNames(
    db,
    away.map((a) => a.memberId),
  );
  return [
    ...booked,
    ...away.map((a) => ({
      memberId: a.memberId,
      memberName: names.get(a.memberId) ?? '',
      appointmentId: null,
      absent: true,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
    })),
  ];
}

async function memberNames(db: TDb, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(inArray(members.id, [...new Set(ids)]));
  return new Map(rows.map((m) => [m.id, `${m.firstName} ${m.lastName}`]));
}
