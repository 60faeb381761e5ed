/**
 * The calls of hospital stays and pathway-break alerts (decision 024), typed from the server's
 * zod schemas (decision 009), kept beside their screens.
 */
import type { z } from 'zod';
import type * as alerts from '../../../../src/modules/alerts/alerts.schemas';
import type * as stays from '../../../../src/modules/stays/stays.schemas';
import { listOf, request } from '../../api';

export type AlertView = z.output<typeof alerts.ZAlert>;
export type AlertList = z.output<typeof alerts.ZAlerts>;
export type AlertKind = z.output<typeof alerts.ZAlertKind>;
/** The list's query string (its `limit` is coerced from text on the server). */
export type AlertsQuery = Omit<z.input<typeof alerts.ZAlertsQuery>, 'limit'> & { limit?: number };
export type Stays = z.output<typeof stays.ZStays>;
export type Stay = Stays['items'][number];
export type AdmitBody = z.input<typeof stays.ZAdmitRequest>;
export type DischargeBody = z.input<typeof stays.ZDischargeRequest>;
export type Destination = DischargeBody['destination'];

export const ALERT_KINDS = listOf<AlertKind>({
  discharge_follow_up: true,
  unplanned_stay: true,
  no_contact: true,
  plan_review_overdue: true,
  referral_unanswered: true,
  caseload_over_cap: true,
  appointment_missed: true,
});

export const DESTINATIONS = listOf<Destination>({
  home: true,
  rehabilitation: true,
  other_hospital: true,
  nursing_home: true,
  died: true,
  other: true,
});

const person = (personId: string) => `/api/persons/${encodeURIComponent(personId)}`;

function queryOf(query: AlertsQuery): string {
  const params = new URLSearchParams();
  if (query.scope) params.set('scope', query.scope);
  if (query.kind) params.set('kind', query.kind);
  if (query.state) params.set('state', query.state);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const alertsApi = {
  list: (query: AlertsQuery = {}) => request<AlertList>('GET', `/api/alerts${queryOf(query)}`),
  ofPerson: (personId: string) => request<AlertList>('GET', `${person(personId)}/alerts`),
  acknowledge: (alertId: string, note: string) =>
    request<AlertView>('POST', `/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, {
      ...(note.trim() ? { note } : {}),
    }),
  resolve: (alertId: string, note: string) =>
    request<AlertView>('POST', `/api/alerts/${encodeURIComponent(alertId)}/resolve`, { note }),
  stays: (personId: string) => request<Stays>('GET', `${person(personId)}/stays`),
  admit: (personId: string, body: AdmitBody) =>
    request<Stays>('POST', `${person(personId)}/stays`, body),
  discharge: (personId: string, stayId: string, body: DischargeBody) =>
    request<Stays>(
      'POST',
      `${person(personId)}/stays/${encodeURIComponent(stayId)}/discharge`,
      body,
    ),
};
