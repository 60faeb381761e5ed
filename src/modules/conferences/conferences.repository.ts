import { and, asc, eq, exists, gt, isNull, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  appointmentParticipants,
  appointments,
  careTeamMembers,
  conferenceItems,
  members,
  persons,
} from '../../db/schema/index.js';

export type TConferenceRow = typeof appointments.$inferSelect;
export type TConferenceItemRow = typeof conferenceItems.$inferSelect;

/** The appointment when it is a case conference; locked for a change when asked. */
export async function findConference(
  db: TDb,
  appointmentId: string,
  options: { lock?: boolean } = {},
): Promise<TConferenceRow | undefined> {
  const query = db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), eq(appointments.kind, 'case_conference')));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Who takes part, with their names, answers and attendance. */
export function listParticipants(db: TDb, appointmentId: string) {
  return db
    .select({
      memberId: appointmentParticipants.memberId,
      firstName: members.firstName,
      lastName: members.lastName,
      response: appointmentParticipants.response,
      attendance: appointmentParticipants.attendance,
    })
    .from(appointmentParticipants)
    .innerJoin(members, eq(members.id, appointmentParticipants.memberId))
    .where(eq(appointmentParticipants.appointmentId, appointmentId))
    .orderBy(asc(members.lastName), asc(members.firstName));
}

/** The organiser's name (the organiser may not be a participant row). */
export async function findMemberName(db: TDb, memberId: string) {
  const [row] = await db
    .select({ firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(eq(members.id, memberId));
  return row;
}

export async function findPersonName(db: TDb, personId: string) {
  const [row] = await db
    .select({ firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(eq(persons.id, personId));
  return row;
}

/** The agenda in order, with each person's name (shown only to readers the guard allows). */
export function listItems(db: TDb, appointmentId: string) {
  return db
    .select({
      item: conferenceItems,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(conferenceItems)
    .innerJoin(persons, eq(persons.id, conferenceItems.personId))
    .where(eq(conferenceItems.appointmentId, appointmentId))
    .orderBy(asc(conferenceItems.position), asc(conferenceItems.createdAt));
}

export async function findItem(db: TDb, appointmentId: string, itemId: string) {
  const [row] = await db
    .select()
    .from(conferenceItems)
    .where(and(eq(conferenceItems.id, itemId), eq(conferenceItems.appointmentId, appointmentId)))
    .for('update');
  return row;
}

/**
 * Whether the member follows the person now: in the person's care team (membership not ended)
 * or their case manager.
 */
export async function memberFollows(db: TDb, memberId: string, personId: string, now: Date) {
  const [inTeam] = await db
    .select({ one: sql<number>`1` })
    .from(careTeamMembers)
    .where(
      and(
        eq(careTeamMembers.personId, personId),
        eq(careTeamMembers.memberId, memberId),
        or(isNull(careTeamMembers.until), gt(careTeamMembers.until, now)),
      ),
    )
    .limit(1);
  if (inTeam) return true;
  const [managed] = await db
    .select({ one: sql<number>`1` })
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.caseManagerId, memberId)));
  return managed !== undefined;
}

/** Adds a person at the end of the agenda; undefined when they are on it already. */
export async function insertItem(
  db: TDb,
  values: { appointmentId: string; personId: string; addedByUserId: string },
): Promise<TConferenceItemRow | undefined> {
  const [row] = await db
    .insert(conferenceItems)
    .values({
      ...values,
      position: sql`(SELECT coalesce(max(position), 0) + 1 FROM conference_items WHERE appointment_id = ${values.appointmentId})`,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function deleteItem(db: TDb, itemId: string): Promise<void> {
  await db.delete(conferenceItems).where(eq(conferenceItems.id, itemId));
}

/** Positions 1, 2, 3… in the order given. */
export async function setPositions(db: TDb, itemIds: readonly string[]): Promise<void> {
  for (const [index, id] of itemIds.entries()) {
    await db
      .update(conferenceItems)
      .set({ position: index + 1 })
      .where(eq(conferenceItems.id, id));
  }
}

export async function updateItem(
  db: TDb,
  itemId: string,
  values: Partial<
    Pick<
      TConferenceItemRow,
      | 'decision'
      | 'decidedAt'
      | 'decidedByUserId'
      | 'planVersion'
      | 'planActionId'
      | 'writtenBackAt'
    >
  >,
): Promise<void> {
  await db.update(conferenceItems).set(values).where(eq(conferenceItems.id, itemId));
}

/** Records a participant's attendance; false when the member does not take part. */
export async function setAttendance(
  db: TDb,
  appointmentId: string,
  memberId: string,
  attendance: 'present' | 'absent' | 'excused' | null,
): Promise<boolean> {
  const rows = await db
    .update(appointmentParticipants)
    .set({ attendance })
    .where(
      and(
        eq(appointmentParticipants.appointmentId, appointmentId),
        eq(appointmentParticipants.memberId, memberId),
      ),
    )
    .returning({ memberId: appointmentParticipants.memberId });
  return rows.length > 0;
}

/** At most this many of the organiser's persons are read for one search (a large caseload). */
const CANDIDATES_READ_MAX = 5000;

/**
 * The persons a conference may discuss: those the organiser follows now (in the care team,
 * membership not ended, or case manager), not merged into another record; on one birth date when
 * given. Each says whether they are on this conference's agenda already. Names are matched by the
 * caller (accents and case aside, person-names.ts).
 */
export function listOrganiserPersons(
  db: TDb,
  options: {
    appointmentId: string;
    organiserMemberId: string;
    birthDate: string | null;
    now: Date;
  },
) {
  const inTeam = db
    .select({ one: sql`1` })
    .from(careTeamMembers)
    .where(
      and(
        eq(careTeamMembers.personId, persons.id),
        eq(careTeamMembers.memberId, options.organiserMemberId),
        or(isNull(careTeamMembers.until), gt(careTeamMembers.until, options.now)),
      ),
    );
  const listed = db
    .select({ one: sql`1` })
    .from(conferenceItems)
    .where(
      and(
        eq(conferenceItems.appointmentId, options.appointmentId),
        eq(conferenceItems.personId, persons.id),
      ),
    );
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthName: persons.birthName,
      birthDate: persons.birthDate,
      commune: persons.commune,
      listed: sql<boolean>`EXISTS (${listed})`,
    })
    .from(persons)
    .where(
      and(
        isNull(persons.mergedIntoId),
        or(eq(persons.caseManagerId, options.organiserMemberId), exists(inTeam)),
        options.birthDate ? eq(persons.birthDate, options.birthDate) : undefined,
      ),
    )
    .orderBy(asc(persons.lastName), asc(persons.firstName), asc(persons.id))
    .limit(CANDIDATES_READ_MAX);
}
