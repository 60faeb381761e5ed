import { moveConversations } from '../messages/messages.repository.js';
import { and, asc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { membershipInForce } from './persons.repository.js';
import { recomputePersonAlerts } from '../alerts/alerts.sweep.js';
import {
  alerts,
  hospitalStays,
  assessments,
  carePlans,
  careTeamMembers,
  attachments,
  integrationLevelOverrides,
  logbookEntries,
  members,
  notifications,
  pathwayEvents,
  pathwayHistory,
  pathways,
  personContacts,
  persons,
  referrals,
  sharingObjections,
  supportRequests,
  users,
} from '../../db/schema/index.js';

export type TPersonInsert = typeof persons.$inferInsert;
export type TPersonIdentityRow = typeof persons.$inferSelect;
export type TContactValues = Omit<typeof personContacts.$inferInsert, 'personId' | 'id'>;

/** Inserts one person and their contacts; returns the new row. */
export async function insertPerson(
  db: TDb,
  values: TPersonInsert,
  contacts: TContactValues[],
): Promise<TPersonIdentityRow> {
  const [row] = await db.insert(persons).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  if (contacts.length) {
    await db.insert(personContacts).values(contacts.map((c) => ({ ...c, personId: row.id })));
  }
  return row;
}

/** One person, locked for the rest of the transaction (an edit or a merge). */
export async function lockPerson(db: TDb, id: string): Promise<TPersonIdentityRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id)).for('update');
  return row;
}

/**
 * Writes an identity edit if the record is still at `version`; the new row, or undefined when
 * someone else changed it first (the caller answers 409).
 */
export async function updatePersonIdentity(
  db: TDb,
  id: string,
  version: number,
  values: Partial<TPersonInsert>,
): Promise<TPersonIdentityRow | undefined> {
  const [row] = await db
    .update(persons)
    .set({ ...values, version: sql`${persons.version} + 1`, updatedAt: new Date() })
    .where(and(eq(persons.id, id), eq(persons.version, version), isNull(persons.mergedIntoId)))
    .returning();
  return row;
}

/** Replaces a person's contacts (caregivers, trusted person, legal representatives). */
export async function replaceContacts(
  db: TDb,
  personId: string,
  contacts: TContactValues[],
): Promise<void> {
  await db.delete(personContacts).where(eq(personContacts.personId, personId));
  if (contacts.length) {
    await db.insert(personContacts).values(contacts.map((c) => ({ ...c, personId })));
  }
}

/** A person's contacts, trusted person first. */
export function findContacts(db: TDb, personId: string) {
  return db
    .select({
      id: personContacts.id,
      kind: personContacts.kind,
      name: personContacts.name,
      relation: personContacts.relation,
      phone: personContacts.phone,
      email: personContacts.email,
    })
    .from(personContacts)
    .where(eq(personContacts.personId, personId))
    .orderBy(
      sql`${personContacts.kind} <> 'trusted_person'`,
      asc(personContacts.kind),
      asc(personContacts.createdAt),
    );
}

/** A directory member's name and profession (the GP). */
export async function findMemberName(db: TDb, id: string) {
  const [row] = await db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
    })
    .from(members)
    .where(eq(members.id, id));
  return row;
}

/**
 * The records that may be the same person, found from the birth date (indexed): the same date,
 * or day and month swapped. Merged records are left out. The names are compared by the caller.
 */
export function findPersonsBornOn(db: TDb, dates: string[]) {
  return db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthName: persons.birthName,
      firstNames: persons.firstNames,
      birthDate: persons.birthDate,
      commune: persons.commune,
      identityStatus: persons.identityStatus,
    })
    .from(persons)
    .where(and(inArray(persons.birthDate, dates), isNull(persons.mergedIntoId)))
    .limit(500);
}

/**
 * Moves what belongs to the person from the duplicate record to the kept one (decision 011): the
 * care team (a member in both keeps the kept record's membership, the duplicate's is ended), the
 * objections (one already on the kept record is withdrawn on the duplicate), the contacts (but a
 * second trusted person stays on the duplicate) and the patient account. Audit rows stay as they
 * are. Returns what moved, for the audit row.
 */
export async function moveToKeptRecord(db: TDb, duplicateId: string, keptId: string) {
  const now = new Date();
  const keptTeam = db
    .select({ memberId: careTeamMembers.memberId })
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.personId, keptId), membershipInForce(now)));
  await db
    .update(careTeamMembers)
    .set({ until: now })
    .where(
      and(
        eq(careTeamMembers.personId, duplicateId),
        membershipInForce(now),
        inArray(careTeamMembers.memberId, keptTeam),
      ),
    );
  const team = await db
    .update(careTeamMembers)
    .set({ personId: keptId })
    .where(eq(careTeamMembers.personId, duplicateId))
    .returning({ id: careTeamMembers.id });

  const keptObjections = db
    .select({ memberId: sharingObjections.memberId })
    .from(sharingObjections)
    .where(and(eq(sharingObjections.personId, keptId), isNull(sharingObjections.withdrawnAt)));
  await db
    .update(sharingObjections)
    .set({ withdrawnAt: now })
    .where(
      and(
        eq(sharingObjections.personId, duplicateId),
        isNull(sharingObjections.withdrawnAt),
        inArray(sharingObjections.memberId, keptObjections),
      ),
    );
  const objections = await db
    .update(sharingObjections)
    .set({ personId: keptId })
    .where(eq(sharingObjections.personId, duplicateId))
    .returning({ id: sharingObjections.id });

  const [keptTrusted] = await db
    .select({ id: personContacts.id })
    .from(personContacts)
    .where(and(eq(personContacts.personId, keptId), eq(personContacts.kind, 'trusted_person')));
  const contacts = await db
    .update(personContacts)
    .set({ personId: keptId })
    .where(
      and(
        eq(personContacts.personId, duplicateId),
        keptTrusted ? ne(personContacts.kind, 'trusted_person') : undefined,
      ),
    )
    .returning({ id: personContacts.id });

  const accounts = await db
    .update(users)
    .set({ personId: keptId })
    .where(eq(users.personId, duplicateId))
    .returning({ id: users.id });

  // The pathway: requests for support, their referrals and the timeline follow the person; a
  // pathway moves only when the kept record has none (one per person), else it stays as history.
  const requests = await db
    .update(supportRequests)
    .set({ personId: keptId })
    .where(eq(supportRequests.personId, duplicateId))
    .returning({ id: supportRequests.id });
  await db.update(referrals).set({ personId: keptId }).where(eq(referrals.personId, duplicateId));
  const events = await db
    .update(pathwayEvents)
    .set({ personId: keptId })
    .where(eq(pathwayEvents.personId, duplicateId))
    .returning({ id: pathwayEvents.id });
  // Assessments move as they were made; a draft only when the kept record has none of that
  // instrument (one draft per person and instrument), else it stays behind as history.
  const keptDrafts = db
    .select({ instrumentId: assessments.instrumentId })
    .from(assessments)
    .where(and(eq(assessments.personId, keptId), eq(assessments.state, 'draft')));
  const assessed = await db
    .update(assessments)
    .set({ personId: keptId })
    .where(
      and(
        eq(assessments.personId, duplicateId),
        or(ne(assessments.state, 'draft'), notInArray(assessments.instrumentId, keptDrafts)),
      ),
    )
    .returning({ id: assessments.id });
  // Overrides of the level move with the assessments: the latest of both records applies.
  await db
    .update(integrationLevelOverrides)
    .set({ personId: keptId })
    .where(eq(integrationLevelOverrides.personId, duplicateId));
  // Notifications follow the person: their links then open the kept record (decision 018).
  await db
    .update(notifications)
    .set({
      personId: keptId,
      // a message's notification keeps opening its conversation (decision 022)
      link: sql`CASE WHEN ${notifications.link} LIKE '/messages/%' THEN ${notifications.link} ELSE ${`/persons/${keptId}`} END`,
    })
    .where(eq(notifications.personId, duplicateId));
  const [keptPathway] = await db
    .select({ id: pathways.id })
    .from(pathways)
    .where(eq(pathways.personId, keptId));
  if (!keptPathway) {
    await db.update(pathways).set({ personId: keptId }).where(eq(pathways.personId, duplicateId));
  }
  // Who answered for the person and the pathway's states: the history is the kept record's too.
  await db
    .update(pathwayHistory)
    .set({ personId: keptId })
    .where(eq(pathwayHistory.personId, duplicateId));
  // The plan (decision 017) moves when the kept record has none, else it stays as history.
  const [keptPlan] = await db
    .select({ id: carePlans.id })
    .from(carePlans)
    .where(eq(carePlans.personId, keptId));
  if (!keptPlan) {
    await db.update(carePlans).set({ personId: keptId }).where(eq(carePlans.personId, duplicateId));
  }

  // Conversations about the person follow them (decision 022); their participants are checked
  // against the kept record's team at every read.
  const conversationRows = await moveConversations(db, duplicateId, keptId);
  // The logbook (decision 021) follows the person, its files with it; read receipts hang on the
  // entries and need no move.
  const logbook = await db
    .update(logbookEntries)
    .set({ personId: keptId })
    .where(eq(logbookEntries.personId, duplicateId))
    .returning({ id: logbookEntries.id });
  await db
    .update(attachments)
    .set({ personId: keptId })
    .where(eq(attachments.personId, duplicateId));
  // Hospital stays follow the person, but a second open stay (one a person) stays behind as
  // history; alerts follow too, those about the duplicate record itself are cleared, and the
  // kept record's alerts are recomputed at once (decision 024).
  const [keptOpenStay] = await db
    .select({ id: hospitalStays.id })
    .from(hospitalStays)
    .where(and(eq(hospitalStays.personId, keptId), isNull(hospitalStays.dischargedAt)));
  const stays = await db
    .update(hospitalStays)
    .set({ personId: keptId })
    .where(
      and(
        eq(hospitalStays.personId, duplicateId),
        keptOpenStay ? isNotNull(hospitalStays.dischargedAt) : undefined,
      ),
    )
    .returning({ id: hospitalStays.id });
  await db
    .update(alerts)
    .set({ state: 'cleared', clearedAt: now })
    .where(
      and(
        eq(alerts.sourceTable, 'persons'),
        eq(alerts.sourceId, duplicateId),
        inArray(alerts.state, ['open', 'acknowledged']),
      ),
    );
  const movedAlerts = await db
    .update(alerts)
    .set({ personId: keptId })
    .where(eq(alerts.personId, duplicateId))
    .returning({ id: alerts.id });
  await recomputePersonAlerts(db, keptId, now);

  return {
    conversationRows,
    stayRows: stays.length,
    alertRows: movedAlerts.length,
    careTeamRows: team.length,
    logbookRows: logbook.length,
    objectionRows: objections.length,
    contactRows: contacts.length,
    accountMoved: accounts.length > 0,
    requestRows: requests.length,
    pathwayEventRows: events.length,
    assessmentRows: assessed.length,
  };
}

/** Whether a patient account is bound to the person. */
export async function hasPatientAccount(db: TDb, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.personId, personId))
    .limit(1);
  return row !== undefined;
}

/** Marks the duplicate as merged into the kept record (it keeps its own identity, as history). */
export async function markMerged(
  db: TDb,
  duplicateId: string,
  keptId: string,
  values: { keptCaseManagerId: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .update(persons)
    .set({
      mergedIntoId: keptId,
      mergedAt: now,
      caseManagerId: null,
      version: sql`${persons.version} + 1`,
      updatedAt: now,
    })
    .where(eq(persons.id, duplicateId));
  await db
    .update(persons)
    .set({
      caseManagerId: values.keptCaseManagerId,
      version: sql`${persons.version} + 1`,
      updatedAt: now,
    })
    .where(eq(persons.id, keptId));
}

/** Adds a member to an active care team unless already in it. */
export async function ensureCareTeamMember(
  db: TDb,
  personId: string,
  memberId: string,
  roleTitle: string | null,
): Promise<void> {
  const [active] = await db
    .select({ id: careTeamMembers.id })
    .from(careTeamMembers)
    .where(
      and(
        eq(careTeamMembers.personId, personId),
        eq(careTeamMembers.memberId, memberId),
        membershipInForce(new Date()),
      ),
    );
  if (!active) await db.insert(careTeamMembers).values({ personId, memberId, roleTitle });
}
