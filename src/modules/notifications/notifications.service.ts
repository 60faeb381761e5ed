import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { listNotificationsOf, markNotificationRead } from './notifications.repository.js';

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
