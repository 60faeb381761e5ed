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
import type { TActor } from '../../server/context.js';
import {
  ACCESS_FACT_COLUMNS,
  accessFactsOf,
  factsParams,
  type TFactsRow,
  type TLoadedFacts,
  type TWithFacts,
} from '../access/access.repository.js';
import { withLiveSession, type TBodyRow } from '../accounts/sessions.repository.js';

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

/** An appointment's participants as a JSON array of { memberId, name }, in name order. */
const PARTICIPANTS_JSON = `(SELECT json_agg(json_build_object('memberId', op.member_id,
                             'name', om.first_name || ' ' || om.last_name)
                           ORDER BY om.last_name, om.first_name)
             FROM appointment_participants op JOIN members om ON om.id = op.member_id
            WHERE op.appointment_id = a.id)`;

/**
 * A member's day or week in ONE statement (decision 019, issue 16): the appointments the member
 * takes part in starting in [from, to) — one range of appointment_participants_member_idx, read
 * from the index alone (migration 0040) — each with its participants and, for an appointment about
 * a person, the reader's access facts for that person (ACCESS_FACT_COLUMNS: $1 user, $2 member,
 * $3 now; then $4 from, $5 to). The guard decides on these facts; nothing else is read.
 */
export const MY_WEEK = statement(
  'agenda_my_week',
  `SELECT ${COLUMNS},
          ${PARTICIPANTS_JSON} AS participants,
          f.*
     FROM appointment_participants w JOIN appointments a ON a.id = w.appointment_id
     LEFT JOIN persons pe ON pe.id = a.person_id
     LEFT JOIN LATERAL (SELECT ${ACCESS_FACT_COLUMNS} FROM persons p WHERE p.id = a.person_id) f
       ON true
    WHERE w.member_id = $2::uuid AND w.starts_at >= $4::timestamptz AND w.starts_at < $5::timestamptz
    ORDER BY a.starts_at, a.id
    LIMIT 2000`,
);

/** MY_WEEK with the session looked up in the same statement (the week route: decision 019). */
export const MY_WEEK_WITH_SESSION = withLiveSession('agenda_my_week_with_session', MY_WEEK, {
  orderBy: 'd."startsAt", d.id',
});

/** A row of MY_WEEK as the drivers return it (the facts' columns null without a person). */
type TWeekRow = TCalendarRow & {
  participants: { memberId: string; name: string }[] | null;
} & { [K in keyof TFactsRow]: TFactsRow[K] | null };

/** A week read in one statement: the rows, their participants and the facts of their persons. */
export type TMyWeek = {
  rows: readonly TCalendarRow[];
  participants: readonly { appointmentId: string; memberId: string; name: string }[];
  facts: ReadonlyMap<string, TLoadedFacts>;
};

/** The week's rows (from MY_WEEK, with or without the session) as the calendar reads them. */
export function myWeekOf(actor: TActor, found: readonly TBodyRow[]): TMyWeek {
  const week = {
    rows: [] as TCalendarRow[],
    participants: [] as { appointmentId: string; memberId: string; name: string }[],
    facts: new Map<string, TLoadedFacts>(),
  };
  for (const raw of found as TWeekRow[]) {
    const { participants, person_id, ...rest } = raw;
    const row = {
      ...rest,
      startsAt: new Date(raw.startsAt),
      endsAt: new Date(raw.endsAt),
    } as TCalendarRow;
    week.rows.push(row);
    for (const p of participants ?? []) week.participants.push({ appointmentId: row.id, ...p });
    if (person_id !== null && !week.facts.has(person_id))
      week.facts.set(person_id, accessFactsOf(actor, { ...raw, person_id } as TFactsRow));
  }
  return week;
}

/** The actor's own week without the session (a caller that looked the session up already). */
export async function loadMyWeek(db: TDb, actor: TActor, from: Date, to: Date): Promise<TMyWeek> {
  if (!actor.memberId) return { rows: [], participants: [], facts: new Map() };
  const found = await runStatement<TBodyRow>(db, MY_WEEK, [
    ...factsParams(actor, new Date()),
    from,
    to,
  ]);
  return myWeekOf(actor, found);
}

/**
 * A person's calendar statement, and the same with the session looked up in it (decision 019):
 * from the person's row ($4) the reader's access facts (ACCESS_FACT_COLUMNS' $1–$3), `extra`
 * columns, and the rows of `appointments` (over appointments `a`, starting in [$5, $6)), first
 * `limit` by start, as one JSON array. No row: no such person.
 */
function personCalendarStatements(
  name: string,
  options: { team?: string; extra?: string; appointments: string; limit: number },
) {
  const body = statement(
    name,
    `${options.team ? `WITH team AS (${options.team})` : ''}
     SELECT ${ACCESS_FACT_COLUMNS}, ${options.extra ? `${options.extra},` : ''}
            COALESCE((SELECT json_agg(x ORDER BY x."startsAt", x.id)
                        FROM (${options.appointments}
                              ORDER BY a.starts_at, a.id LIMIT ${String(options.limit)}) x),
                     '[]'::json) AS appointments
       FROM persons p WHERE p.id = $4::uuid`,
  );
  return { body, withSession: withLiveSession(`${name}_with_session`, body) };
}

/**
 * A person's appointments in ONE statement (decision 044): the reader's facts for the person with
 * their appointments of the window — appointments_person_idx, 500 at most — each with its
 * participants. PERSON_APPOINTMENTS.withSession: the same with the session.
 */
export const PERSON_APPOINTMENTS = personCalendarStatements('agenda_person_appointments', {
  appointments: `SELECT ${COLUMNS}, ${PARTICIPANTS_JSON} AS participants
                   FROM appointments a LEFT JOIN persons pe ON pe.id = a.person_id
                  WHERE a.person_id = $4::uuid AND a.starts_at >= $5::timestamptz
                    AND a.starts_at < $6::timestamptz`,
  limit: 500,
});

/**
 * A care team's calendar in ONE statement (decision 044): the reader's facts for the person, the
 * active care team and case manager (JSON), and every appointment of theirs in the window — one
 * range of appointment_participants_member_idx per member, 2,000 at most — each with its
 * participants and, for an appointment about a person, the reader's facts for that person (JSON).
 * TEAM_CALENDAR.withSession: the same with the session.
 */
export const TEAM_CALENDAR = personCalendarStatements('agenda_team_calendar', {
  team: `SELECT m.id, m.first_name, m.last_name FROM members m
          WHERE m.id IN (SELECT c.member_id FROM care_team_members c WHERE c.person_id = $4::uuid
                           AND (c.until IS NULL OR c.until > $3::timestamptz)
                         UNION SELECT pe.case_manager_id FROM persons pe WHERE pe.id = $4::uuid)`,
  extra: `COALESCE((SELECT json_agg(json_build_object('memberId', t.id,
                                      'name', t.first_name || ' ' || t.last_name)
                                    ORDER BY t.last_name, t.first_name) FROM team t),
                   '[]'::json) AS team`,
  appointments: `SELECT DISTINCT ON (a.starts_at, a.id) ${COLUMNS},
                        ${PARTICIPANTS_JSON} AS participants,
                        (SELECT row_to_json(f) FROM (SELECT ${ACCESS_FACT_COLUMNS} FROM persons p
                                                      WHERE p.id = a.person_id) f) AS facts
                   FROM appointment_participants w JOIN appointments a ON a.id = w.appointment_id
                   LEFT JOIN persons pe ON pe.id = a.person_id
                  WHERE w.member_id IN (SELECT id FROM team) AND w.starts_at >= $5::timestamptz
                    AND w.starts_at < $6::timestamptz`,
  limit: 2000,
});

/** An appointment of PERSON_APPOINTMENTS or TEAM_CALENDAR as JSON gives it (times as text). */
type TJsonAppointment = Omit<
  TCalendarRow,
  'startsAt' | 'endsAt' | 'occurrenceStart' | 'statusChangedAt' | 'createdAt' | 'updatedAt'
> & {
  startsAt: string;
  endsAt: string;
  occurrenceStart: string | null;
  participants: { memberId: string; name: string }[] | null;
  facts?: TFactsRow | null;
};

/** A row of PERSON_APPOINTMENTS or TEAM_CALENDAR (the team only in the latter). */
export type TPersonCalendarRow = TFactsRow & {
  appointments: TJsonAppointment[];
  team?: { memberId: string; name: string }[];
};

/**
 * A person's calendar read in one statement: the reader's facts for the person, and the
 * appointments with their participants and the facts of the other persons they are about (the
 * person's own are decided once, on `facts`).
 */
export type TPersonCalendar = TWithFacts<
  TMyWeek & { team: readonly { memberId: string; name: string }[] }
>;

/** The calendar of PERSON_APPOINTMENTS or TEAM_CALENDAR (with or without the session). */
export function personCalendarOf(actor: TActor, row: TPersonCalendarRow): TPersonCalendar {
  const week = {
    rows: [] as TCalendarRow[],
    participants: [] as { appointmentId: string; memberId: string; name: string }[],
    facts: new Map<string, TLoadedFacts>(),
  };
  for (const raw of row.appointments) {
    const { participants, facts, ...rest } = raw;
    const appointment = {
      ...rest,
      startsAt: new Date(raw.startsAt),
      endsAt: new Date(raw.endsAt),
      occurrenceStart: raw.occurrenceStart === null ? null : new Date(raw.occurrenceStart),
    } as TCalendarRow;
    week.rows.push(appointment);
    for (const p of participants ?? []) {
      week.participants.push({ appointmentId: appointment.id, ...p });
    }
    if (facts && facts.person_id !== row.person_id && !week.facts.has(facts.person_id))
      week.facts.set(facts.person_id, accessFactsOf(actor, facts));
  }
  return { facts: accessFactsOf(actor, row), data: { ...week, team: row.team ?? [] } };
}

/** A person's appointments and the reader's facts, without the session; null: no such person. */
export async function loadPersonCalendar(
  db: TDb,
  actor: TActor,
  which: 'person' | 'team',
  personId: string,
  from: Date,
  to: Date,
): Promise<TPersonCalendar | null> {
  const [row] = await runStatement<TPersonCalendarRow>(
    db,
    (which === 'team' ? TEAM_CALENDAR : PERSON_APPOINTMENTS).body,
    [...factsParams(actor, new Date()), personId, from, to],
  );
  return row ? personCalendarOf(actor, row) : null;
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
