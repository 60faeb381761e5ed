import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  breakGlassGrants,
  careTeamMembers,
  members,
  persons,
  sharingObjections,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';

export type TPersonRow = typeof persons.$inferSelect;

/** Ids of the people an actor has a relation with: self, caseload, care teams, break-the-glass. */
export async function findRelatedPersonIds(db: TDb, actor: TActor): Promise<string[]> {
  const ids = new Set<string>();
  if (actor.personId) ids.add(actor.personId);
  if (actor.memberId) {
    const managed = await db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.caseManagerId, actor.memberId));
    managed.forEach((p) => ids.add(p.id));
    const teams = await db
      .select({ id: careTeamMembers.personId })
      .from(careTeamMembers)
      .where(
        and(
          eq(careTeamMembers.memberId, actor.memberId),
          or(isNull(careTeamMembers.until), gt(careTeamMembers.until, new Date())),
        ),
      );
    teams.forEach((p) => ids.add(p.id));
  }
  const grants = await db
    .select({ id: breakGlassGrants.personId })
    .from(breakGlassGrants)
    .where(
      and(eq(breakGlassGrants.userId, actor.userId), gt(breakGlassGrants.expiresAt, new Date())),
    );
  grants.forEach((p) => ids.add(p.id));
  return [...ids];
}

/**
 * Inserts followed persons, the ids chosen by the caller: the demo seed and the synthetic region
 * generator (scripts/region), in a transaction of theirs. Users register persons through
 * persons-create.service.ts (duplicate check, guard, audit).
 */
export async function insertPersons(
  db: TDb,
  values: (typeof persons.$inferInsert & { id: string })[],
): Promise<void> {
  if (values.length) await db.insert(persons).values(values);
}

/** People by id, sorted by name. */
export function findPersonsByIds(db: TDb, ids: string[]): Promise<TPersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(persons)
    .where(inArray(persons.id, ids))
    .orderBy(asc(persons.lastName), asc(persons.firstName));
}

/** One person. */
export async function findPerson(db: TDb, id: string): Promise<TPersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

/** The active care team with each member's directory name and profession. */
export function findActiveCareTeam(db: TDb, personId: string) {
  return db
    .select({
      id: careTeamMembers.id,
      memberId: careTeamMembers.memberId,
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
      roleTitle: careTeamMembers.roleTitle,
      medicalAccess: careTeamMembers.medicalAccess,
      since: careTeamMembers.since,
    })
    .from(careTeamMembers)
    .innerJoin(members, eq(members.id, careTeamMembers.memberId))
    .where(and(eq(careTeamMembers.personId, personId), isNull(careTeamMembers.until)))
    .orderBy(asc(members.lastName));
}

/** A directory member by id. */
export async function findMember(db: TDb, id: string) {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

/** Adds a member to the care team. */
export async function insertCareTeamMember(
  db: TDb,
  values: typeof careTeamMembers.$inferInsert,
): Promise<void> {
  await db.insert(careTeamMembers).values(values);
}

/** Ends an active membership; false when there was none. */
export async function endCareTeamMembership(
  db: TDb,
  personId: string,
  memberId: string,
): Promise<boolean> {
  const rows = await db
    .update(careTeamMembers)
    .set({ until: new Date() })
    .where(
      and(
        eq(careTeamMembers.personId, personId),
        eq(careTeamMembers.memberId, memberId),
        isNull(careTeamMembers.until),
      ),
    )
    .returning({ id: careTeamMembers.id });
  return rows.length > 0;
}

/** Whether an active objection exists. */
export async function hasActiveObjection(db: TDb, personId: string, memberId: string) {
  const [row] = await db
    .select({ id: sharingObjections.id })
    .from(sharingObjections)
    .where(activeObjection(personId, memberId));
  return row !== undefined;
}

function activeObjection(personId: string, memberId: string): SQL | undefined {
  return and(
    eq(sharingObjections.personId, personId),
    eq(sharingObjections.memberId, memberId),
    isNull(sharingObjections.withdrawnAt),
  );
}

/** Records an objection. */
export async function insertObjection(
  db: TDb,
  values: typeof sharingObjections.$inferInsert,
): Promise<void> {
  await db.insert(sharingObjections).values(values);
}

/** Withdraws an active objection; false when there was none. */
export async function withdrawObjection(db: TDb, personId: string, memberId: string) {
  const rows = await db
    .update(sharingObjections)
    .set({ withdrawnAt: new Date() })
    .where(activeObjection(personId, memberId))
    .returning({ id: sharingObjections.id });
  return rows.length > 0;
}

/** Active objections of a person with the member's name. */
export function findActiveObjections(db: TDb, personId: string) {
  return db
    .select({
      memberId: sharingObjections.memberId,
      firstName: members.firstName,
      lastName: members.lastName,
      reason: sharingObjections.reason,
      createdAt: sharingObjections.createdAt,
    })
    .from(sharingObjections)
    .innerJoin(members, eq(members.id, sharingObjections.memberId))
    .where(and(eq(sharingObjections.personId, personId), isNull(sharingObjections.withdrawnAt)));
}

/** Opens a break-the-glass grant. */
export async function insertBreakGlass(
  db: TDb,
  values: typeof breakGlassGrants.$inferInsert,
): Promise<void> {
  await db.insert(breakGlassGrants).values(values);
}
