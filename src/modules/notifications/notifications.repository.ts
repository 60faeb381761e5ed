import { and, count, desc, eq, isNull, ne } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { notifications, users } from '../../db/schema/index.js';

export type TNotificationRow = typeof notifications.$inferSelect;

/** Writes one notification in the caller's transaction (it exists only if the change commits). */
export async function insertNotification(
  db: TDb,
  values: { userId: string; kind: string; personId: string | null; link: string | null },
): Promise<void> {
  await db.insert(notifications).values(values);
}

/** A user's newest notifications and how many are unread, both by index on user_id. */
export async function listNotificationsOf(
  db: TDb,
  userId: string,
  limit: number,
): Promise<{ rows: TNotificationRow[]; unread: number }> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { rows, unread: unread?.n ?? 0 };
}

/** Marks one of the user's own notifications read; false when they have no such notification. */
export async function markNotificationRead(db: TDb, userId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) return false;
  if (!row.readAt) {
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  }
  return true;
}

/** The account of a directory member (one per member), unless disabled: who is told. */
export async function findAccountOfMember(db: TDb, memberId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.memberId, memberId), ne(users.status, 'disabled')));
  return row;
}
