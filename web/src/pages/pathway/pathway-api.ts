/**
 * The pathway's and caseloads' calls (decision 016), typed from the server's zod schemas like the
 * rest of the client (web/src/api.ts), kept beside their screens.
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/pathway/pathway.schemas';
import { listOf, request } from '../../api';

export type PathwayView = z.output<typeof schemas.ZPathway>;
export type PathwayState = z.output<typeof schemas.ZPathwayState>;
export type CloseReason = z.output<typeof schemas.ZCloseReason>;
export type TransitionBody = z.input<typeof schemas.ZTransitionRequest>;
export type AssignBody = z.input<typeof schemas.ZAssignCaseManagerRequest>;
export type AssignAnswer = z.output<typeof schemas.ZAssignCaseManagerResponse>;
export type Caseload = z.output<typeof schemas.ZCaseload>;
export type WorkloadBoard = z.output<typeof schemas.ZWorkloadBoard>;

export const CLOSE_REASONS = listOf<CloseReason>({
  goals_met: true,
  moved_away: true,
  nursing_home: true,
  died: true,
  declined: true,
  transferred: true,
});

const person = (personId: string) => `/api/persons/${encodeURIComponent(personId)}`;

export const pathwayApi = {
  get: (personId: string) => request<PathwayView>('GET', `${person(personId)}/pathway`),
  transition: (personId: string, body: TransitionBody) =>
    request<PathwayView>('POST', `${person(personId)}/pathway/transitions`, body),
  setReferent: (personId: string, body: { version: number; memberId: string | null }) =>
    request<PathwayView>('PUT', `${person(personId)}/pathway/referent`, body),
  assignCaseManager: (personId: string, body: AssignBody) =>
    request<AssignAnswer>('PUT', `${person(personId)}/case-manager`, body),
  myCaseload: () => request<Caseload>('GET', '/api/caseload'),
  board: () => request<WorkloadBoard>('GET', '/api/caseload/board'),
  setManagerCap: (memberId: string, cap: number | null) =>
    request<undefined>('PUT', `/api/caseload/managers/${encodeURIComponent(memberId)}/cap`, {
      cap,
    }),
};
