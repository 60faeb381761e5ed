import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  careTeamMembers,
  directoryHistory,
  invitations,
  members,
  persons,
  users,
} from '../../db/schema/index.js';

export type TLinkPurpose = (typeof invitations.$inferSelect)['purpose'];

/** A one-time link of this purpose with its user, by token digest. */
export async function findInvitationByDigest(
  db: TDb,
  tokenHash: string,
  purpose: TLinkPurpose = 'invitation',
) {
  const [row] = await db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(eq(invitations.tokenHash, tokenHash), eq(invitations.purpose, purpose)));
  return row;
}

/** Stores a new invitation. */
export async function insertInvitation(
  db: TDb,
  values: typeof invitations.$inferInsert,
): Promise<typeof invitations.$inferSelect> {
  const [row] = await db.insert(invitations).values(values).returning();
  if (!row) throw new Error('insert into invitations returned nothing');
  return row;
}

/** Revokes a user's open links, of one purpose or all (a new one replaces them; disabling). */
export async function revokeOpenInvitations(
  db: TDb,
  userId: string,
  purpose?: TLinkPurpose,
): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.userId, userId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        purpose ? eq(invitations.purpose, purpose) : undefined,
      ),
    );
}

/** Marks an invitation used, only if still open; false when someone used it first. */
export async function markInvitationAccepted(db: TDb, id: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** A one-time link with its user, by id. */
export async function findInvitationById(db: TDb, id: string) {
  const [row] = await db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.id, id));
  return row;
}

/** The account of a directory member, if they have one. */
export async function findUserByMember(db: TDb, memberId: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.memberId, memberId));
  return row;
}

/** The account bound to a followed person, if there is one. */
export async function findUserByPerson(db: TDb, personId: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.personId, personId));
  return row;
}

/** Whether a member is, or was, on a care team or case manager of someone: their login holds data. */
export async function memberHoldsPersons(db: TDb, memberId: string): Promise<boolean> {
  const [team] = await db
    .select({ id: careTeamMembers.personId })
    .from(careTeamMembers)
    .where(eq(careTeamMembers.memberId, memberId))
    .limit(1);
  if (team) return true;
  const [managed] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.caseManagerId, memberId))
    .limit(1);
  return managed !== undefined;
}

/** The e-mail address on a member's directory entry (null when none is recorded). */
export async function findMemberEmail(db: TDb, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: members.email })
    .from(members)
    .where(eq(members.id, memberId));
  return row?.email ?? null;
}

/** Who last changed the e-mail on a member's directory entry (null: set at creation or import). */
export async function findMemberEmailSetter(db: TDb, memberId: string): Promise<string | null> {
  const [row] = await db
    .select({ changedBy: directoryHistory.changedBy })
    .from(directoryHistory)
    .where(
      and(
        eq(directoryHistory.entityType, 'member'),
        eq(directoryHistory.entityId, memberId),
        sql`${directoryHistory.changes} ? 'email'`,
      ),
    )
    .orderBy(desc(directoryHistory.version))
    .limit(1);
  return row?.changedBy ?? null;
}
