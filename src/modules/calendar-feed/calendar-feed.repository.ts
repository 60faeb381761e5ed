import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  appointmentParticipants,
  appointments,
  calendarFeeds,
  organisations,
  users,
} from '../../db/schema/index.js';

/** Stores the user's feed token digest, replacing the former one (its URL then answers 404). */
export async function replaceFeed(db: TDb, userId: string, tokenHash: string, at: Date) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: at })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: at } });
}

/** Deletes the user's feed; false when there was none. */
export async function deleteFeed(db: TDb, userId: string): Promise<boolean> {
  const rows = await db
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}

export async function findFeedOf(db: TDb, userId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row;
}

/** The active member account a feed token belongs to, if any. */
export async function findFeedOwner(db: TDb, tokenHash: string) {
  const [row] = await db
    .select({ userId: users.id, memberId: users.memberId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), eq(users.status, 'active')));
  return row;
}

/**
 * The appointments a member takes part in, starting in [from, to): only the columns a feed may
 * carry — never the title, the notes, nor the person (decision 031).
 */
export function listFeedAppointments(
  db: TDb,
  memberId: string,
  from: Date,
  to: Date,
  limit: number,
) {
  return db
    .select({
      id: appointments.id,
      kind: appointments.kind,
      status: appointments.status,
      place: appointments.place,
      organisationName: organisations.name,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      version: appointments.version,
      updatedAt: appointments.updatedAt,
      createdAt: appointments.createdAt,
    })
    .from(appointmentParticipants)
    .innerJoin(appointments, eq(appointments.id, appointmentParticipants.appointmentId))
    .leftJoin(organisations, eq(organisations.id, appointments.placeOrganisationId))
    .where(
      and(
        eq(appointmentParticipants.memberId, memberId),
        gte(appointmentParticipants.startsAt, from),
        lt(appointmentParticipants.startsAt, to),
      ),
    )
    .orderBy(asc(appointmentParticipants.startsAt))
    .limit(limit);
}

/** One appointment with what its .ics needs, and whether the member takes part in it. */
export async function findAppointmentForIcs(
  db: TDb,
  appointmentId: string,
  memberId: string | null,
) {
  const [row] = await db
    .select({
      id: appointments.id,
      personId: appointments.personId,
      kind: appointments.kind,
      status: appointments.status,
      title: appointments.title,
      notesCategory: appointments.notesCategory,
      place: appointments.place,
      organisationName: organisations.name,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      version: appointments.version,
      updatedAt: appointments.updatedAt,
      createdAt: appointments.createdAt,
      organiserMemberId: appointments.organiserMemberId,
      takesPart: sql<boolean>`exists (select 1 from appointment_participants ap where ap.appointment_id = ${appointments.id} and ap.member_id = ${memberId}::uuid)`,
    })
    .from(appointments)
    .leftJoin(organisations, eq(organisations.id, appointments.placeOrganisationId))
    .where(eq(appointments.id, appointmentId));
  return row;
}
