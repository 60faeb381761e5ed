/**
 * The care team, objections, access log, timeline, and break-the-glass calls of the
 * person page (decision 018), typed from the server's schemas like web/src/api.ts.
 */
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type * as persons from '../../../../src/modules/persons/persons.schemas';
import type * as timeline from '../../../../src/modules/timeline/timeline.schemas';
import { listOf, request } from '../../api';

type Answer<T extends z.ZodType> = z.output<T>;

export type CareTeamRole = Answer<typeof persons.ZCareTeamRole>;
export const CARE_TEAM_ROLES = listOf<CareTeamRole>({
  gp: true,
  home_nurse: true,
  pharmacist: true,
  home_aide: true,
  social_worker: true,
  hospital_referent: true,
  physiotherapist: true,
  psychologist: true,
  other: true,
});
export type CareTeamMembership = Answer<typeof persons.ZCareTeamMembership>;
export type AuditRow = Answer<typeof persons.ZAuditRow>;
export type TimelineEntry = Answer<typeof timeline.ZTimelineEntry>;
export type TimelinePage = Answer<typeof timeline.ZTimelinePage>;
export type BreakGlassCandidate = Answer<typeof persons.ZBreakGlassCandidate>;

const base = (personId: string) => `/api/persons/${encodeURIComponent(personId)}`;

export const teamApi = {
  careTeam: (personId: string) =>
    request<{ items: CareTeamMembership[] }>('GET', `${base(personId)}/care-team`),
  addMember: (
    personId: string,
    body: { memberId: string; role: CareTeamRole; since?: string; roleTitle?: string },
  ) => request<undefined>('POST', `${base(personId)}/care-team`, body),
  endMember: (personId: string, memberId: string) =>
    request<undefined>('DELETE', `${base(personId)}/care-team/${encodeURIComponent(memberId)}`),
  planEnd: (personId: string, memberId: string, until: string | null) =>
    request<undefined>('PATCH', `${base(personId)}/care-team/${encodeURIComponent(memberId)}`, {
      until,
    }),
  object: (personId: string, memberId: string, reason?: string) =>
    request<undefined>('POST', `${base(personId)}/objections`, { memberId, reason }),
  withdrawObjection: (personId: string, memberId: string) =>
    request<undefined>('DELETE', `${base(personId)}/objections/${encodeURIComponent(memberId)}`),
  accessLog: (personId: string, before?: number) =>
    request<{ items: AuditRow[] }>(
      'GET',
      `${base(personId)}/audit?limit=30${before ? `&before=${before}` : ''}`,
    ),
  timeline: (personId: string, before?: number) =>
    request<TimelinePage>(
      'GET',
      `${base(personId)}/timeline?limit=20${before ? `&before=${before}` : ''}`,
    ),
  searchBreakGlass: (lastName: string, birthDate: string) =>
    request<{ items: BreakGlassCandidate[] }>('POST', '/api/persons/break-glass/search', {
      lastName,
      birthDate,
    }),
  breakGlass: (personId: string, reason: string) =>
    request<{ expiresAt: string }>('POST', `${base(personId)}/break-glass`, { reason }),
};

/**
 * A text whose key is built from a server code (an event kind, an audit action, a role): the
 * code itself when this version has no label for it, so a new kind never breaks the screen.
 */
export function useCodeText() {
  const { t, i18n } = useTranslation();
  const lookup = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key: string, fallback: string, options?: Record<string, unknown>): string =>
    i18n.exists(key) ? lookup(key, options) : fallback;
}
