import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { findLiveSession } from '../accounts/sessions.repository.js';
import { SESSION_IDLE_MS } from '../accounts/sessions.service.js';
import { NOTIFICATION_FAMILIES, type TPreference } from './notifications.kinds.js';
import {
  listNotificationsOf,
  markAllNotificationsRead,
  markNotificationRead,
  preferencesOf,
  upsertPreference,
} from './notifications.repository.js';
import type { z } from 'zod';
import type { ZPreferencesUpdate } from './notifications.schemas.js';

/**
 * The user's own notifications, newest first, with the unread count. They hold a person's id and
 * a link, no personal data: what they point at is read through the guard when opened.
 */
export function listMyNotifications(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => {
    const { rows, unread } = await listNotificationsOf(tx, ctx.actor.userId, 50);
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        personId: row.personId,
        link: row.link,
        urgent: row.urgent,
        createdAt: row.createdAt.toISOString(),
        readAt: row.readAt?.toISOString() ?? null,
      })),
      unread,
    };
  });
}

/** Marks one of the user's notifications read (someone else's answers 404, like a missing one). */
export function readNotification(ctx: TContext, options: { id: string }) {
  return withTransaction(ctx.db, async (tx) => {
    if (!(await markNotificationRead(tx, ctx.actor.userId, options.id))) {
      throw new AppError('not_found', 'record.not_found', {}, { resourceType: 'notification' });
    }
  });
}

/** Marks all the user's notifications read. */
export function readAllNotifications(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => ({
    marked: await markAllNotificationsRead(tx, ctx.actor.userId),
  }));
}

function preferenceList(preferences: Record<string, TPreference>) {
  return {
    families: NOTIFICATION_FAMILIES.map((family) => ({ family, ...preferences[family]! })),
  };
}

/** The user's notification preferences, every family (their choice or the default). */
export async function myPreferences(ctx: TContext) {
  return preferenceList(await preferencesOf(ctx.db, ctx.actor.userId));
}

/** Sets the user's preferences for the families given (the others keep theirs). */
export function setMyPreferences(ctx: TContext, body: z.output<typeof ZPreferencesUpdate>) {
  return withTransaction(ctx.db, async (tx) => {
    for (const { family, inApp, emailNow, digest } of body.families) {
      await upsertPreference(tx, ctx.actor.userId, family, { inApp, emailNow, digest });
    }
    return preferenceList(await preferencesOf(tx, ctx.actor.userId));
  });
}

/**
 * Whether the session of an open stream still holds (not revoked, user active, not expired nor
 * idle), read WITHOUT touching it: a stream left open does not keep a session alive.
 */
export async function sessionStillValid(db: TDb, tokenHash: string): Promise<boolean> {
  const live = await findLiveSession(db, tokenHash);
  if (!live || live.user.status !== 'active') return false;
  const now = Date.now();
  return (
    live.session.expiresAt.getTime() > now &&
    live.session.lastSeenAt.getTime() + SESSION_IDLE_MS > now
  );
}
