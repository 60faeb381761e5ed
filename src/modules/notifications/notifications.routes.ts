import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZNotificationId, ZNotificationList } from './notifications.schemas.js';
import { listMyNotifications, readNotification } from './notifications.service.js';

/** The signed-in user's in-app notifications (decision 018). */
export async function notificationRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, and how many are unread',
        response: { 200: ZNotificationList },
      },
    },
    (request) => listMyNotifications(contextOf(request, db, config)),
  );

  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: ZNotificationId } },
    async (request, reply) => {
      await readNotification(contextOf(request, db, config), request.params);
      return reply.status(204).send();
    },
  );
}
