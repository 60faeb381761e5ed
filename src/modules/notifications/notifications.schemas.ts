import { z } from 'zod';

export const ZNotificationId = z.object({ id: z.uuid() });

export const ZNotification = z.object({
  id: z.uuid(),
  kind: z.string().describe("What happened, e.g. 'care_team.joined'"),
  personId: z.uuid().nullable(),
  link: z.string().nullable().describe('Where the web app opens it'),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  unread: z.number().int().describe('Unread notifications, for the header badge'),
});
