import { z } from 'zod';
import { NOTIFICATION_FAMILIES } from './notifications.kinds.js';

export const ZNotificationId = z.object({ id: z.uuid() });

export const ZNotification = z.object({
  id: z.uuid(),
  kind: z.string().describe("What happened, e.g. 'care_team.joined'"),
  personId: z.uuid().nullable(),
  link: z.string().nullable().describe('Where the web app opens it'),
  urgent: z.boolean(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  unread: z.number().int().describe('Unread notifications, for the header badge'),
});

export const ZReadAllAnswer = z.object({
  marked: z.number().int().describe('How many notifications were unread and are now read'),
});

export const ZNotificationFamily = z.enum(NOTIFICATION_FAMILIES);

export const ZFamilyPreference = z.strictObject({
  family: ZNotificationFamily,
  inApp: z.boolean().describe('Shown in the app (bell, page)'),
  emailNow: z.boolean().describe('Urgent items e-mailed at once'),
  digest: z.boolean().describe('Counted in the daily e-mail digest'),
});

export const ZPreferences = z.object({ families: z.array(ZFamilyPreference) });

export const ZPreferencesUpdate = z.strictObject({
  families: z
    .array(ZFamilyPreference)
    .min(1)
    .max(NOTIFICATION_FAMILIES.length)
    .refine((list) => new Set(list.map((item) => item.family)).size === list.length, {
      error: 'each family once',
    }),
});
