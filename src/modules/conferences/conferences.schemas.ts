import { z } from 'zod';
import {
  APPOINTMENT_STATUSES,
  PARTICIPANT_ATTENDANCE,
  PARTICIPANT_RESPONSES,
} from '../../db/schema/index.js';

export const ZConferenceId = z.object({ appointmentId: z.uuid() });
export const ZConferenceItemIds = z.object({ appointmentId: z.uuid(), itemId: z.uuid() });
export const ZConferenceParticipantIds = z.object({ appointmentId: z.uuid(), memberId: z.uuid() });

export const ZAddConferenceItem = z
  .object({ personId: z.uuid().describe("A person of the organiser's care teams") })
  .strict();

export const ZReorderConference = z
  .object({
    itemIds: z
      .array(z.uuid())
      .max(200)
      .describe('Every item of the agenda, once each, in the new order'),
  })
  .strict();

export const ZSetAttendance = z
  .object({
    attendance: z
      .enum(PARTICIPANT_ATTENDANCE)
      .nullable()
      .describe('present, absent or excused; null: not recorded'),
  })
  .strict();

export const ZSetDecision = z
  .object({
    decision: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .describe('The decision taken about the person, in words'),
  })
  .strict();

/**
 * One person of the agenda. `visible` false: the reader is not in the person's care team —
 * neither identity nor decision, only that a person is discussed (decision 031).
 */
export const ZConferenceItem = z.object({
  id: z.uuid(),
  position: z.number().int(),
  visible: z.boolean(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  decision: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  planVersion: z.number().int().nullable().describe('The plan version the decision went into'),
  writtenBackAt: z.iso.datetime().nullable(),
  canDecide: z.boolean().describe('I may write the decision and carry it into the plan'),
});
export type TConferenceItem = z.infer<typeof ZConferenceItem>;

export const ZConferenceParticipant = z.object({
  memberId: z.uuid(),
  name: z.string(),
  organiser: z.boolean(),
  response: z.enum(PARTICIPANT_RESPONSES),
  attendance: z.enum(PARTICIPANT_ATTENDANCE).nullable(),
});

export const ZConference = z.object({
  appointmentId: z.uuid(),
  title: z.string().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.enum(APPOINTMENT_STATUSES),
  organiserMemberId: z.uuid().nullable(),
  participants: z.array(ZConferenceParticipant),
  items: z.array(ZConferenceItem),
  canEdit: z.boolean().describe('I take part: I may change the agenda and the attendance'),
});
export type TConference = z.infer<typeof ZConference>;
