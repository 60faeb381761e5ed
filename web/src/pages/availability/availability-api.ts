/**
 * Working hours, absences and the free-slot search (decision 030), typed from the server's zod
 * schemas (decision 009), kept beside their screens.
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/availability/availability.schemas';
import { request } from '../../api';

export type Availability = z.output<typeof schemas.ZAvailability>;
export type WorkingRange = z.output<typeof schemas.ZWorkingRange>;
export type Absence = z.output<typeof schemas.ZAbsence>;
export type AbsenceBody = z.input<typeof schemas.ZAbsenceInput>;
export type FreeSlotBody = z.input<typeof schemas.ZFreeSlotRequest>;
export type FreeSlots = z.output<typeof schemas.ZFreeSlots>;

export const ABSENCE_KINDS = ['leave', 'training', 'other'] as const;

const member = (memberId: string) => `/api/availability/members/${encodeURIComponent(memberId)}`;

export const availabilityApi = {
  get: (memberId: string) => request<Availability>('GET', member(memberId)),
  setWeek: (memberId: string, ranges: WorkingRange[]) =>
    request<{ week: WorkingRange[]; usesDefaultWeek: boolean }>(
      'PUT',
      `${member(memberId)}/working-hours`,
      { ranges },
    ),
  addAbsence: (memberId: string, body: AbsenceBody) =>
    request<Absence>('POST', `${member(memberId)}/absences`, body),
  removeAbsence: (memberId: string, absenceId: string) =>
    request<undefined>('DELETE', `${member(memberId)}/absences/${encodeURIComponent(absenceId)}`),
  freeSlots: (body: FreeSlotBody) =>
    request<FreeSlots>('POST', '/api/availability/free-slots', body),
};

/** The agenda form prefilled with a slot and its participants (the agenda-core's /agenda/nouveau). */
export const newAppointmentLink = (
  slot: { startsAt: string; endsAt: string },
  memberIds: string[],
) =>
  `/agenda/nouveau?${new URLSearchParams({
    start: slot.startsAt,
    end: slot.endsAt,
    participants: memberIds.join(','),
  }).toString()}`;
