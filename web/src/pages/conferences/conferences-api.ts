/** The case-conference, calendar-feed and reminder calls (decision 031), typed from the server. */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/conferences/conferences.schemas';
import type * as reminders from '../../../../src/modules/reminders/reminders.routes';
import { request } from '../../api';

export type Conference = z.output<typeof schemas.ZConference>;
export type ConferenceItem = z.output<typeof schemas.ZConferenceItem>;
export type Candidate = z.output<typeof schemas.ZConferenceCandidates>['items'][number];
export type DecisionAction = z.input<typeof schemas.ZDecisionAction>;
export type Attendance = 'present' | 'absent' | 'excused';
export type ReminderPreferences = z.output<typeof reminders.ZReminderPreferences>;
export type FeedStatus = { active: boolean; createdAt: string | null; url?: string };

const base = (id: string) => `/api/conferences/${encodeURIComponent(id)}`;

export const conferencesApi = {
  get: (id: string) => request<Conference>('GET', base(id)),
  candidates: (id: string, q: string, signal?: AbortSignal) =>
    request<z.output<typeof schemas.ZConferenceCandidates>>(
      'GET',
      `${base(id)}/candidates?${new URLSearchParams({ q }).toString()}`,
      undefined,
      signal,
    ),
  add: (id: string, personId: string) =>
    request<Conference>('POST', `${base(id)}/items`, { personId }),
  remove: (id: string, itemId: string) =>
    request<Conference>('DELETE', `${base(id)}/items/${encodeURIComponent(itemId)}`),
  reorder: (id: string, itemIds: string[]) =>
    request<Conference>('PUT', `${base(id)}/order`, { itemIds }),
  attendance: (id: string, memberId: string, attendance: Attendance | null) =>
    request<Conference>(
      'PUT',
      `${base(id)}/participants/${encodeURIComponent(memberId)}/attendance`,
      { attendance },
    ),
  decide: (id: string, itemId: string, decision: string) =>
    request<Conference>('PUT', `${base(id)}/items/${encodeURIComponent(itemId)}/decision`, {
      decision,
    }),
  /** Into the plan: as an action (what, who, when), or with `null` in words in the priorities. */
  writeBack: (id: string, itemId: string, action: DecisionAction | null) =>
    request<Conference>('POST', `${base(id)}/items/${encodeURIComponent(itemId)}/write-back`, {
      action,
    }),
};

export const calendarApi = {
  status: () => request<FeedStatus>('GET', '/api/account/calendar-feed'),
  create: () => request<FeedStatus>('POST', '/api/account/calendar-feed'),
  revoke: () => request<undefined>('DELETE', '/api/account/calendar-feed'),
  reminders: () => request<ReminderPreferences>('GET', '/api/reminders/preferences'),
  saveReminders: (leadMinutes: number[]) =>
    request<ReminderPreferences>('PUT', '/api/reminders/preferences', { leadMinutes }),
};
