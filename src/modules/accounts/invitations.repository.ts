import { and, eq, isNull } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { invitations, users } from '../../db/schema/index.js';

/** An invitation with its user, by token digest. */
export async function findInvitationByDigest(db: TDb, tokenHash: string) {
  const [row] = await db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenHash));
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

/** Revokes the open invitations of a user (a new one replaces them). */
export async function revokeOpenInvitations(db: TDb, userId: string): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.userId, userId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
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
