import { and, eq, isNull, ne } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import { mfaRequiredRolesValue } from '../settings/settings.repository.js';

/** Stores a new session. */
export async function insertSession(db: TDb, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** A live (not revoked) session with its user. */
export async function findLiveSession(db: TDb, tokenHash: string) {
  const [row] = await db
    // The second-factor setting comes along: one round trip per request instead of two.
    .select({ session: sessions, user: users, mfaRequiredRoles: mfaRequiredRolesValue })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
  return row;
}

/** Records activity so the idle timeout starts again. */
export async function touchSession(db: TDb, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

/** Revokes one session. */
export async function revokeSession(db: TDb, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Revokes every session of a user except, optionally, the current one. */
export async function revokeUserSessions(
  db: TDb,
  userId: string,
  exceptTokenHash?: string,
): Promise<void> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptTokenHash) conditions.push(ne(sessions.tokenHash, exceptTokenHash));
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions));
}
