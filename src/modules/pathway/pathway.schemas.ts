import { z } from 'zod';
import { LEVELS } from '../assessments/integration-level.js';
import { CLOSE_REASONS, PATHWAY_STATES } from './pathway.states.js';

export const ZPathwayState = z
  .enum(PATHWAY_STATES)
  .describe('requested → assessing → active → suspended → closed (reopenable), decision 016');
export const ZCloseReason = z
  .enum(CLOSE_REASONS)
  .describe(
    'Why the pathway closed: goals met, moved away, nursing home, died, declined, transferred',
  );
const ZLevel = z.enum(LEVELS);
const ZDay = z.iso.date().describe('A calendar day, YYYY-MM-DD');
const ZReason = z.string().trim().max(500);
const ZMemberName = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

export const ZTransitionRequest = z
  .object({
    version: z.number().int().min(1).describe('The pathway version read (409 when it moved)'),
    to: ZPathwayState,
    reason: ZReason.optional().describe('Why, in words (required except for a closure)'),
    expectedEnd: ZDay.optional().describe('Suspended: the expected end'),
    closeReason: ZCloseReason.optional().describe('Closed: why'),
  })
  .strict();

export const ZReferentRequest = z
  .object({
    version: z.number().int().min(1),
    memberId: z.uuid().nullable().describe('A care-team member, or null to remove the referent'),
  })
  .strict();

export const ZAssignCaseManagerRequest = z
  .object({
    memberId: z.uuid().describe('The directory member who becomes the case manager'),
    reason: ZReason.optional().describe('Why (required to go over the cap)'),
    force: z
      .boolean()
      .default(false)
      .describe('Go over the cap (the coordination team only, with a reason)'),
  })
  .strict();

export const ZHistoryEntry = z.object({
  id: z.uuid(),
  kind: z.enum(['transition', 'case_manager', 'referent']),
  fromState: ZPathwayState.nullable(),
  toState: ZPathwayState.nullable(),
  fromMember: ZMemberName.nullable(),
  toMember: ZMemberName.nullable(),
  reason: z.string().nullable(),
  expectedEnd: z.string().nullable(),
  closeReason: ZCloseReason.nullable(),
  level: ZLevel.nullable(),
  forced: z.boolean(),
  by: z.string().nullable().describe('Display name of who made the change'),
  at: z.iso.datetime(),
});

export const ZPathway = z.object({
  pathway: z
    .object({
      id: z.uuid(),
      version: z.number().int(),
      state: ZPathwayState,
      stateSince: z.iso.datetime(),
      stateReason: z.string().nullable(),
      expectedEnd: z.string().nullable(),
      closeReason: ZCloseReason.nullable(),
      level: ZLevel.nullable().describe('The level it became active with'),
      referent: ZMemberName.nullable(),
      openedAt: z.iso.datetime(),
    })
    .nullable()
    .describe('null: no pathway yet (it opens when a request for support is accepted)'),
  caseManager: ZMemberName.nullable(),
  levelInForce: ZLevel.nullable(),
  needsCaseManager: z
    .boolean()
    .describe(
      'A referent is named, nobody is case manager, and the level in force is above liaison (027)',
    ),
  canSteer: z.boolean().describe('May this reader move the pathway and name who answers'),
  nextStates: z.array(ZPathwayState).describe('The states this pathway may move to'),
  history: z.array(ZHistoryEntry),
});

export const ZAssignCaseManagerResponse = z.object({
  caseManager: ZMemberName,
  caseload: z.object({ count: z.number().int(), cap: z.number().int() }),
  forced: z.boolean(),
});

const ZLevelCounts = z.object({
  liaison: z.number().int(),
  coordination: z.number().int(),
  integration: z.number().int(),
  none: z.number().int().describe('No level yet'),
});

export const ZCaseloadPerson = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  commune: z.string().nullable(),
  level: ZLevel.nullable(),
  reassessmentDue: ZDay.nullable().describe('The level in force was set then + its delay'),
  overdue: z.boolean().describe('The reassessment date has passed'),
  state: ZPathwayState.nullable(),
  stateSince: z.iso.datetime().nullable(),
  expectedEnd: z.string().nullable(),
});

export const ZCaseloadEvent = z.object({
  id: z.number().int(),
  personId: z.uuid(),
  kind: z.string(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const ZCaseload = z.object({
  count: z.number().int().describe('People followed whose pathway is not closed'),
  cap: z.number().int(),
  byLevel: ZLevelCounts,
  items: z.array(ZCaseloadPerson),
  referentOf: z
    .array(
      ZCaseloadPerson.extend({
        needsCaseManager: z
          .boolean()
          .describe('The level in force is no longer liaison: a case manager must be named'),
      }),
    )
    .describe('People I answer for as referent professional (decision 027), outside the cap'),
  events: z.array(ZCaseloadEvent).describe('Recent pathway events of my people I may see'),
});

export const ZWorkloadBoard = z.object({
  defaultCap: z.number().int(),
  managers: z.array(
    z.object({
      memberId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      cap: z.number().int(),
      count: z.number().int(),
      byLevel: ZLevelCounts,
    }),
  ),
  unassigned: z
    .array(
      z.object({
        id: z.uuid(),
        firstName: z.string(),
        lastName: z.string(),
        commune: z.string().nullable(),
        state: ZPathwayState,
        level: ZLevel.nullable(),
        referent: ZMemberName.nullable().describe(
          'A referent kept after the level rose above liaison: a case manager must be named',
        ),
      }),
    )
    .describe(
      'People with an open pathway and nobody answering (no case manager, and no referent or one kept above liaison)',
    ),
});

export const ZManagerCapRequest = z
  .object({
    cap: z
      .number()
      .int()
      .min(1)
      .max(500)
      .nullable()
      .describe("This manager's own cap; null: the network's"),
  })
  .strict();
