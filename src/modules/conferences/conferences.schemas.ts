import { z } from 'zod';
import { ACTION_CATEGORIES, ACTION_TARGETS } from '../plans/plan-vocabulary.js';
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

const codes = (list: readonly { code: string }[]) =>
  list.map((entry) => entry.code) as [string, ...string[]];
const ZDay = z.iso.date().describe('A calendar day, YYYY-MM-DD');

/**
 * The decision as an action of the person's plan (PPCS): what, who (a member of the person's
 * care team), when, under one of the plan's goals (decision 039).
 */
export const ZDecisionAction = z
  .object({
    goalId: z.uuid().describe('A goal of the current plan the writer may see'),
    category: z
      .enum(codes(ACTION_CATEGORIES))
      .default('case_management')
      .describe('Omaha intervention category'),
    target: z
      .enum(codes(ACTION_TARGETS))
      .default('continuity_of_care')
      .describe('Omaha intervention target'),
    text: z.string().trim().min(1).max(2000).describe('What is to be done'),
    whoMemberId: z.uuid().describe("Who does it: a member of the person's care team"),
    start: ZDay.describe('From when'),
    end: ZDay.nullable().default(null).describe('Until when (none: open-ended)'),
  })
  .strict();
export type TDecisionAction = z.output<typeof ZDecisionAction>;

export const ZWriteBack = z
  .object({
    action: ZDecisionAction.nullable()
      .default(null)
      .describe("null: the decision goes in words into the plan's priorities"),
  })
  .strict();

/** Search among the persons the conference may discuss (the organiser's care teams). */
export const ZCandidateQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .describe('Words of the name (any order, start of words), and/or a birth date JJ/MM/AAAA'),
  })
  .strict();

export const ZConferenceCandidates = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      birthName: z.string().nullable(),
      birthDate: z.iso.date().nullable(),
      commune: z.string().nullable(),
      listed: z.boolean().describe('Already on the agenda'),
    }),
  ),
  more: z.boolean().describe('More persons match: type more of the name'),
});
export type TConferenceCandidates = z.infer<typeof ZConferenceCandidates>;

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
  planActionId: z
    .uuid()
    .nullable()
    .describe('The plan action the decision became; null for a line of the priorities'),
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
