import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { notificationPreferences, notifications, users } from '../../db/schema/index.js';
import { queueMail } from '../mail/mail.service.js';
import { urgentMail } from './notifications.mail.js';
import {
  DEFAULT_PREFERENCES,
  familyOf,
  isUrgentKind,
  OTHER_PREFERENCE,
  type TNotificationFamily,
  type TPreference,
} from './notifications.kinds.js';

export type TNotificationRow = typeof notifications.$inferSelect;

/** The PostgreSQL channel every server process listens on (decision 025). */
export const LIVE_CHANNEL = 'maillon_notifications';

/** What travels on LIVE_CHANNEL: ids, the kind and the link only — the client refetches. */
export type TLiveEvent = {
  userId: string;
  id: string;
  kind: string;
  personId: string | null;
  link: string | null;
};

/** The public address of the app, for the links of notification mails (set by buildApp). */
let publicUrl = 'http://localhost:3000';
export function setNotificationMailBase(url: string): void {
  publicUrl = url.replace(/\/$/, '');
}
export function notificationMailBase(): string {
  return publicUrl;
}

/**
 * Writes one notification in the caller's transaction (it exists only if the change commits),
 * as the member's preferences for its family say (decision 025):
 * - in the app (default): the row, and in the same statement a pg_notify on LIVE_CHANNEL, which
 *   PostgreSQL (and PGlite) delivers at commit to every listening server process;
 * - urgent (`urgent: true`, or a kind urgent by nature) and wanted at once by e-mail: a mail in
 *   the outbox saying only that an urgent notification waits (no person, nothing medical); one
 *   such mail waiting to be sent covers the next ones.
 * Disabled accounts are not told.
 */
export async function insertNotification(
  db: TDb,
  values: {
    userId: string;
    kind: string;
    personId: string | null;
    link: string | null;
    urgent?: boolean;
  },
): Promise<void> {
  const family = familyOf(values.kind);
  const [account] = await db
    .select({
      email: users.email,
      locale: users.locale,
      status: users.status,
      inApp: notificationPreferences.inApp,
      emailNow: notificationPreferences.emailNow,
    })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, users.id),
        eq(notificationPreferences.family, family ?? '-'),
      ),
    )
    .where(eq(users.id, values.userId));
  if (!account || account.status === 'disabled') return;
  const defaults = family ? DEFAULT_PREFERENCES[family] : OTHER_PREFERENCE;
  const inApp = account.inApp ?? defaults.inApp;
  const emailNow = account.emailNow ?? defaults.emailNow;
  const urgent = values.urgent === true || isUrgentKind(values.kind);

  if (inApp) {
    await db.execute(sql`
      WITH inserted AS (
        INSERT INTO notifications (user_id, kind, person_id, link, urgent)
        VALUES (${values.userId}, ${values.kind}, ${values.personId}, ${values.link}, ${urgent})
        RETURNING id, user_id, kind, person_id, link
      )
      SELECT pg_notify(${LIVE_CHANNEL}, json_build_object(
        'userId', user_id, 'id', id, 'kind', kind, 'personId', person_id, 'link', link)::text)
      FROM inserted`);
  }
  if (urgent && emailNow) {
    const mail = urgentMail(account.locale, publicUrl);
    const [waiting] = await db
      .execute<{ one: number }>(
        sql`
      SELECT 1 AS one FROM outbox
      WHERE sent_at IS NULL AND gave_up_at IS NULL
        AND to_address = ${account.email} AND subject = ${mail.subject}
      LIMIT 1`,
      )
      .then((result) => rowsOf<{ one: number }>(result));
    if (!waiting) await queueMail(db, { to: account.email, ...mail });
  }
}

/** The rows of db.execute on either driver (node-postgres and PGlite both answer { rows }). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
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

/**
 * The user's notifications written after the one they last received (Last-Event-ID of a
 * reconnecting stream), oldest first, at most limit; none when that id is not theirs.
 */
export async function listNotificationsAfter(
  db: TDb,
  userId: string,
  lastId: string,
  limit: number,
): Promise<TLiveEvent[]> {
  const result = await db.execute(sql`
    SELECT n.id, n.user_id AS "userId", n.kind, n.person_id AS "personId", n.link
    FROM notifications n, notifications last
    WHERE last.id = ${lastId} AND last.user_id = ${userId} AND n.user_id = ${userId}
      AND (n.created_at, n.id) > (last.created_at, last.id)
    ORDER BY n.created_at, n.id
    LIMIT ${limit}`);
  return rowsOf<TLiveEvent>(result);
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

/** Marks all the user's unread notifications read; how many were. */
export async function markAllNotificationsRead(db: TDb, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The member's preferences for every family, their own choice or the default. */
export async function preferencesOf(
  db: TDb,
  userId: string,
): Promise<Record<TNotificationFamily, TPreference>> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const result = { ...DEFAULT_PREFERENCES };
  for (const row of rows) {
    if (row.family in result) {
      result[row.family as TNotificationFamily] = {
        inApp: row.inApp,
        emailNow: row.emailNow,
        digest: row.digest,
      };
    }
  }
  return result;
}

/** Writes the member's preference for one family (insert or replace). */
export async function upsertPreference(
  db: TDb,
  userId: string,
  family: TNotificationFamily,
  preference: TPreference,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, family, ...preference })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.family],
      set: { ...preference, updatedAt: new Date() },
    });
}

/** The account of a directory member (one per member), unless disabled: who is told. */
export async function findAccountOfMember(db: TDb, memberId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.memberId, memberId), ne(users.status, 'disabled')));
  return row;
}
