import { and, desc, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  appointmentParticipants,
  appointments,
  appointmentSeries,
  members,
  organisations,
} from '../../db/schema/index.js';
import { runStatement, statement } from '../../db/statements.js';

export type TAppointmentRow = typeof appointments.$inferSelect;
export type TNewAppointment = typeof appointments.$inferInsert;

/**
 * Writes an appointment and its participants (their copy of start, end and status), in the
 * caller's transaction. The one way rows enter the agenda: the service, fixtures and benchmarks
 * all go through it, so that the participants' copy never differs from the appointment.
 */
export async function insertAppointment(
  db: TDb,
  appointment: TNewAppointment,
  participantMemberIds: readonly string[],
): Promise<TAppointmentRow> {
  const [row] = await db.insert(appointments).values(appointment).returning();
  if (!row) throw new Error('the appointment was not written');
  const memberIds = [...new Set(participantMemberIds)];
  if (memberIds.length > 0) {
    await db.insert(appointmentParticipants).values(
      memberIds.map((memberId) => ({
        appointmentId: row.id,
        memberId,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        status: row.status,
      })),
    );
  }
  return row;
}

/**
 * The appointment's participants, replaced by a new list (an edit), and their copy of start,
 * end and status brought in line with the appointment: call it after every change of these.
 */
export async function syncParticipants(
  db: TDb,
  row: TAppointmentRow,
  participantMemberIds?: readonly string[],
): Promise<void> {
  if (participantMemberIds) {
    const memberIds = [...new Set(participantMemberIds)];
    await db
      .delete(appointmentParticipants)
      .where(
        and(
          eq(appointmentParticipants.appointmentId, row.id),
          notInArray(appointmentParticipants.memberId, memberIds),
        ),
      );
    await db
      .insert(appointmentParticipants)
      .values(
        memberIds.map((memberId) => ({
          appointmentId: row.id,
          memberId,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          status: row.status,
        })),
      )
      .onConflictDoNothing();
  }
  await db
    .update(appointmentParticipants)
    .set({ startsAt: row.startsAt, endsAt: row.endsAt, status: row.status })
    .where(eq(appointmentParticipants.appointmentId, row.id));
}

/** The appointment, locked for a change (FOR UPDATE), or undefined. */
export async function lockAppointment(db: TDb, id: string): Promise<TAppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id)).for('update');
  return row;
}

export async function findAppointment(db: TDb, id: string): Promise<TAppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  return row;
}

export async function updateAppointment(
  db: TDb,
  id: string,
  values: Partial<TNewAppointment>,
): Promise<TAppointmentRow> {
  const [row] = await db
    .update(appointments)
    .set({ ...values, updatedAt: new Date(), version: sql`${appointments.version} + 1` })
    .where(eq(appointments.id, id))
    .returning();
  return row!;
}

export type TParticipantRow = {
  appointmentId: string;
  memberId: string;
  name: string;
  organisations: string[];
  response: string;
  attendance: string | null;
};

/** The participants of these appointments, with their name and organisations. */
export async function listParticipants(
  db: TDb,
  appointmentIds: readonly string[],
): Promise<TParticipantRow[]> {
  if (appointmentIds.length === 0) return [];
  return runStatement<TParticipantRow>(db, PARTICIPANTS, [[...new Set(appointmentIds)]]);
}

const PARTICIPANTS = statement(
  'agenda_participants',
  `SELECT p.appointment_id AS "appointmentId", p.member_id AS "memberId",
          m.first_name || ' ' || m.last_name AS name,
          COALESCE((SELECT array_agg(o.name ORDER BY o.name) FROM member_organisations mo
                      JOIN organisations o ON o.id = mo.organisation_id
                     WHERE mo.member_id = m.id), '{}'::text[]) AS organisations,
          p.response, p.attendance
     FROM appointment_participants p JOIN members m ON m.id = p.member_id
    WHERE p.appointment_id = ANY($1::uuid[])
    ORDER BY m.last_name, m.first_name`,
);

export type TCalendarRow = TAppointmentRow & {
  personFirstName: string | null;
  personLastName: string | null;
};

const COLUMNS = `a.id, a.person_id AS "personId", a.kind, a.status, a.title, a.notes,
  a.notes_category AS "notesCategory", a.place, a.place_organisation_id AS "placeOrganisationId",
  a.place_text AS "placeText", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  a.series_id AS "seriesId", a.occurrence_start AS "occurrenceStart",
  a.organiser_member_id AS "organiserMemberId", a.status_reason AS "statusReason",
  a.status_changed_at AS "statusChangedAt", a.status_changed_by_user_id AS "statusChangedByUserId",
  a.created_by_user_id AS "createdByUserId", a.created_at AS "createdAt",
  a.updated_at AS "updatedAt", a.version,
  pe.first_name AS "personFirstName", pe.last_name AS "personLastName"`;

/**
 * The appointments of some members starting in [from, to): one range of
 * appointment_participants_member_idx (member_id, starts_at) per member.
 */
const OF_MEMBERS = statement(
  'agenda_of_members',
  `SELECT DISTINCT ON (a.starts_at, a.id) ${COLUMNS}
     FROM appointment_participants p JOIN appointments a ON a.id = p.appointment_id
     LEFT JOIN persons pe ON pe.id = a.person_id
    WHERE p.member_id = ANY($1::uuid[]) AND p.starts_at >= $2::timestamptz
      AND p.starts_at < $3::timestamptz
    ORDER BY a.starts_at, a.id
    LIMIT 2000`,
);

export function listOfMembers(db: TDb, memberIds: readonly string[], from: Date, to: Date) {
  return runStatement<TCalendarRow>(db, OF_MEMBERS, [[...new Set(memberIds)], from, to]);
}

/** A person's appointments starting in [from, to) (appointments_person_idx). */
const OF_PERSON = statement(
  'agenda_of_person',
  `SELECT ${COLUMNS}
     FROM appointments a LEFT JOIN persons pe ON pe.id = a.person_id
    WHERE a.person_id = $1::uuid AND a.starts_at >= $2::timestamptz AND a.starts_at < $3::timestamptz
    ORDER BY a.starts_at
    LIMIT 500`,
);

export function listOfPerson(db: TDb, personId: string, from: Date, to: Date) {
  return runStatement<TCalendarRow>(db, OF_PERSON, [personId, from, to]);
}

/**
 * Who of these members is neither in the person's active care team nor their case manager,
 * or not in the directory at all (a name of null).
 */
export async function membersOutsideTeam(
  db: TDb,
  personId: string,
  memberIds: readonly string[],
): Promise<{ id: string; name: string | null }[]> {
  const rows = await runStatement<{ id: string; name: string | null; inside: boolean }>(
    db,
    OUTSIDE_TEAM,
    [personId, [...new Set(memberIds)], new Date()],
  );
  return rows.filter((row) => !row.inside).map(({ id, name }) => ({ id, name }));
}

const OUTSIDE_TEAM = statement(
  'agenda_members_outside_team',
  `SELECT ids.id, m.first_name || ' ' || m.last_name AS name,
          (EXISTS (SELECT 1 FROM persons pe WHERE pe.id = $1::uuid AND pe.case_manager_id = ids.id)
           OR EXISTS (SELECT 1 FROM care_team_members c WHERE c.person_id = $1::uuid
                        AND c.member_id = ids.id AND (c.until IS NULL OR c.until > $3::timestamptz)))
            AS inside
     FROM unnest($2::uuid[]) AS ids(id) LEFT JOIN members m ON m.id = ids.id`,
);

/** Members that do not exist in the directory. */
export async function unknownMembers(db: TDb, memberIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  const found = await db.select({ id: members.id }).from(members).where(inArray(members.id, ids));
  const known = new Set(found.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

/** The active care team and case manager of a person (the team calendar's members). */
export async function teamMembersOf(db: TDb, personId: string) {
  return runStatement<{ memberId: string; name: string }>(db, TEAM_MEMBERS, [personId, new Date()]);
}

const TEAM_MEMBERS = statement(
  'agenda_team_members',
  `SELECT m.id AS "memberId", m.first_name || ' ' || m.last_name AS name
     FROM members m
    WHERE m.id IN (SELECT c.member_id FROM care_team_members c WHERE c.person_id = $1::uuid
                     AND (c.until IS NULL OR c.until > $2::timestamptz)
                   UNION SELECT pe.case_manager_id FROM persons pe WHERE pe.id = $1::uuid)
    ORDER BY m.last_name, m.first_name`,
);

export async function organisationName(db: TDb, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.name ?? null;
}

export async function findSeries(db: TDb, id: string) {
  const [row] = await db.select().from(appointmentSeries).where(eq(appointmentSeries.id, id));
  return row;
}

export async function lockSeries(db: TDb, id: string) {
  const [row] = await db
    .select()
    .from(appointmentSeries)
    .where(eq(appointmentSeries.id, id))
    .for('update');
  return row;
}

export async function insertSeries(db: TDb, values: typeof appointmentSeries.$inferInsert) {
  const [row] = await db.insert(appointmentSeries).values(values).returning();
  return row!;
}

export async function updateSeries(
  db: TDb,
  id: string,
  values: Partial<typeof appointmentSeries.$inferInsert>,
) {
  await db.update(appointmentSeries).set(values).where(eq(appointmentSeries.id, id));
}

/** The series still running whose occurrences are written only up to before `horizon`. */
export async function seriesToExtend(db: TDb, horizon: Date) {
  return db
    .select()
    .from(appointmentSeries)
    .where(
      and(isNull(appointmentSeries.endedAt), lt(appointmentSeries.materialisedUntil, horizon)),
    );
}

/** The occurrences of a series from `from` on (for "this and following"). */
export async function occurrencesFrom(db: TDb, seriesId: string, from: Date) {
  return db
    .select()
    .from(appointments)
    .where(and(eq(appointments.seriesId, seriesId), gte(appointments.occurrenceStart, from)));
}

/** The template of a series: its latest occurrence (participants, place, kind, title). */
export async function latestOccurrence(db: TDb, seriesId: string) {
  const [row] = await db
    .select()
    .from(appointments)
    .where(eq(appointments.seriesId, seriesId))
    .orderBy(desc(appointments.occurrenceStart))
    .limit(1);
  return row;
}

export async function participantIdsOf(db: TDb, appointmentId: string): Promise<string[]> {
  const rows = await db
    .select({ memberId: appointmentParticipants.memberId })
    .from(appointmentParticipants)
    .where(eq(appointmentParticipants.appointmentId, appointmentId));
  return rows.map((row) => row.memberId);
}

/** Removes appointments (occurrences taken out of a series) and their participants. */
export async function deleteAppointments(db: TDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .delete(appointmentParticipants)
    .where(inArray(appointmentParticipants.appointmentId, [...ids]));
  await db.delete(appointments).where(inArray(appointments.id, [...ids]));
}
