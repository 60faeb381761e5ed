/**
 * The notification calls (decisions 018, 025), typed from the server's zod schemas like the rest
 * of the client (web/src/api.ts).
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/notifications/notifications.schemas';
import { listOf, request } from '../../api';

export type NotificationList = z.output<typeof schemas.ZNotificationList>;
export type NotificationItem = z.output<typeof schemas.ZNotification>;
export type NotificationFamily = z.output<typeof schemas.ZNotificationFamily>;
export type Preferences = z.output<typeof schemas.ZPreferences>;
export type FamilyPreference = z.output<typeof schemas.ZFamilyPreference>;

/** The families, in the order the account page shows them. */
export const NOTIFICATION_FAMILIES = listOf<NotificationFamily>({
  care_team: true,
  logbook_urgent: true,
  messages: true,
  referrals: true,
  hospital: true,
  alerts: true,
  reminders: true,
});

export const notificationsApi = {
  list: () => request<NotificationList>('GET', '/api/notifications'),
  read: (id: string) =>
    request<undefined>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => request<{ marked: number }>('POST', '/api/notifications/read-all'),
  preferences: () => request<Preferences>('GET', '/api/notifications/preferences'),
  savePreferences: (families: FamilyPreference[]) =>
    request<Preferences>('PUT', '/api/notifications/preferences', { families }),
};

/** The server's stream of live notifications (server-sent events). */
export const NOTIFICATION_STREAM = '/api/notifications/stream';
