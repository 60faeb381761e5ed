import { and, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import {
  breakGlassGrants,
  careTeamMembers,
  persons,
  sharingObjections,
  users,
} from '../../db/schema/index.js';

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

const MEMBER_STANDING = statement(
  'member_standing',
  `SELECT EXISTS (SELECT 1 FROM members WHERE id = $2::uuid) AS member_exists,
          EXISTS (SELECT 1 FROM care_team_members
                   WHERE person_id = $1::uuid AND member_id = $2::uuid
                     AND (until IS NULL OR until > now())) AS in_team,
          EXISTS (SELECT 1 FROM sharing_objections
                   WHERE person_id = $1::uuid AND member_id = $2::uuid AND withdrawn_at IS NULL) AS objected`,
);

/** One person's row (identity columns), or undefined. */
export async function findPerson(db: TDb, id: string) {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

/**
 * Where a directory member stands with a person, in one query (checked before adding them to the
 * team or recording an objection): whether the member exists, is in the active team, is objected to.
 */
export async function findMemberStanding(
  db: TDb,
  personId: string,
  memberId: string,
): Promise<{ memberExists: boolean; inTeam: boolean; objected: boolean }> {
  const [row] = await runStatement<{ member_exists: boolean; in_team: boolean; objected: boolean }>(
    db,
    MEMBER_STANDING,
    [personId, memberId],
  );
  return {
    memberExists: row?.member_exists ?? false,
    inTeam: row?.in_team ?? false,
    objected: row?.objected ?? false,
  };
}

/** Adds a member to the care team; the membership's id. */
export async function insertCareTeamMember(
  db: TDb,
  values: typeof careTeamMembers.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(careTeamMembers)
    .values(values)
    .returning({ id: careTeamMembers.id });
  return row!.id;
}

/**
 * A membership in force at `now`: no end, or an end still to come (a planned end keeps access
 * until then; the guard's facts read the same condition, access.repository.ts).
 */
export function membershipInForce(now: Date): SQL | undefined {
  return or(isNull(careTeamMembers.until), gt(careTeamMembers.until, now));
}

/**
 * Sets the end of a membership in force: now (leaving), a later time (a planned end: access holds
 * until then, and the guard treats it as former afterwards without any job), or null (a planned
 * end withdrawn). The membership (id, role), or undefined when none is in force.
 */
export async function endCareTeamMembership(
  db: TDb,
  personId: string,
  memberId: string,
  until: Date | null = new Date(),
): Promise<{ id: string; role: string } | undefined> {
  const rows = await db
    .update(careTeamMembers)
    .set({ until })
    .where(
      and(
        eq(careTeamMembers.personId, personId),
        eq(careTeamMembers.memberId, memberId),
        membershipInForce(new Date()),
      ),
    )
    .returning({ id: careTeamMembers.id, role: careTeamMembers.role });
  return rows[0];
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

/** Opens a break-the-glass grant; its id. */
export async function insertBreakGlass(
  db: TDb,
  values: typeof breakGlassGrants.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(breakGlassGrants)
    .values(values)
    .returning({ id: breakGlassGrants.id });
  return row!.id;
}

/** The display names of these users, by id (the access log names who read the record). */
export async function findUserNames(db: TDb, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}
