import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import type { TLiveHub } from './notifications.live.js';
import {
  ZNotificationId,
  ZNotificationList,
  ZPreferences,
  ZPreferencesUpdate,
  ZReadAllAnswer,
} from './notifications.schemas.js';
import {
  listMyNotifications,
  myPreferences,
  readAllNotifications,
  readNotification,
  setMyPreferences,
} from './notifications.service.js';
import { openNotificationStream } from './notifications.stream.js';

/** The signed-in user's in-app notifications (decisions 018, 025). */
export async function notificationRoutes(
  app: FastifyInstance,
  deps: TAppDeps & { live: TLiveHub },
): Promise<void> {
  const { db, config, live } = deps;
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

  r.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary: 'My notifications as they come (server-sent events; ids, kind and link only)',
        description:
          'Events: `notification` (id = the notification id; data: id, kind, personId, link), ' +
          '`ready`, `resync` (refetch the list), `end` (session ended: do not reconnect). ' +
          'A `Last-Event-ID` header replays what was missed. Comments are heartbeats.',
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, db, config);
      await openNotificationStream(ctx, live, request, reply, request.session!.tokenHash);
    },
  );

  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: ZNotificationId } },
    async (request, reply) => {
      await readNotification(contextOf(request, db, config), request.params);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: ZReadAllAnswer },
      },
    },
    (request) => readAllNotifications(contextOf(request, db, config)),
  );

  r.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'What I am told of, per family: in the app, by e-mail at once, in the digest',
        response: { 200: ZPreferences },
      },
    },
    (request) => myPreferences(contextOf(request, db, config)),
  );

  r.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Change my notification preferences (the families given)',
        body: ZPreferencesUpdate,
        response: { 200: ZPreferences },
      },
    },
    (request) => setMyPreferences(contextOf(request, db, config), request.body),
  );
}
