import { z } from 'zod';
import { LEVELS } from '../assessments/integration-level.js';
import {
  ACTION_CATEGORIES,
  ACTION_STATUSES,
  ACTION_TARGETS,
  GOAL_CODES,
  GOAL_STATUSES,
  NEED_CODES,
  PLAN_DIMENSIONS,
} from './plan-vocabulary.js';

const codes = (list: readonly { code: string }[]) =>
  list.map((entry) => entry.code) as [string, ...string[]];

const text = (max: number) => z.string().trim().max(max);
const ZDay = z.iso.date().describe('A calendar day, YYYY-MM-DD');
const ZRating = z.number().int().min(1).max(5);

export const ZPlanFinding = z
  .object({
    assessmentId: z.uuid(),
    itemKey: z.string().min(1).max(100).describe("The assessment item's id, e.g. livesAlone"),
  })
  .strict();

export const ZPlanNeed = z
  .object({
    id: z.uuid().describe('Stable across versions: the diff follows it'),
    code: z.enum(codes(NEED_CODES)).describe('Omaha System problem; it fixes the PPCS dimension'),
    text: text(2000).describe('The need in the words of the team and the person'),
    findings: z.array(ZPlanFinding).max(20).default([]),
  })
  .strict();

export const ZPlanGoal = z
  .object({
    id: z.uuid(),
    needId: z.uuid(),
    code: z.enum(codes(GOAL_CODES)).describe('What the goal measures (Omaha outcome scale)'),
    baseline: ZRating.nullable().default(null).describe('Rating when set, 1 (worst) to 5 (best)'),
    target: ZRating.nullable().default(null).describe('Rating aimed at, 1 to 5'),
    text: text(2000).min(1).describe('Measurable wording'),
    targetDate: ZDay.nullable().default(null),
    status: z.enum(GOAL_STATUSES).default('in_progress'),
    outcome: text(2000).default(''),
  })
  .strict();

export const ZPlanActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('member'), memberId: z.uuid() }).strict(),
  z.object({ kind: z.literal('service'), serviceId: z.uuid() }).strict(),
]);

export const ZPlanAction = z
  .object({
    id: z.uuid(),
    goalId: z.uuid(),
    category: z.enum(codes(ACTION_CATEGORIES)).describe('Omaha intervention category'),
    target: z.enum(codes(ACTION_TARGETS)).describe('Omaha intervention target'),
    text: text(2000).min(1).describe('What is done'),
    who: ZPlanActor.nullable().default(null),
    frequency: text(200).default(''),
    start: ZDay.nullable().default(null),
    end: ZDay.nullable().default(null),
    status: z.enum(ACTION_STATUSES).default('planned'),
    outcome: text(2000).default(''),
  })
  .strict();

/** The whole content of one version of a plan (PPCS). */
export const ZPlanContent = z
  .object({
    situation: text(4000).default('').describe("The person's situation"),
    wishes: text(4000).default('').describe("The person's wishes, in their words"),
    priorities: text(4000).default('').describe('Priorities agreed with the person'),
    referentMemberId: z.uuid().nullable().default(null).describe('The named referent'),
    needs: z.array(ZPlanNeed).max(100).default([]),
    goals: z.array(ZPlanGoal).max(200).default([]),
    actions: z.array(ZPlanAction).max(400).default([]),
  })
  .strict();
export type TPlanContent = z.infer<typeof ZPlanContent>;
export type TPlanNeed = z.infer<typeof ZPlanNeed>;
export type TPlanGoal = z.infer<typeof ZPlanGoal>;
export type TPlanAction = z.infer<typeof ZPlanAction>;

export const ZSavePlanRequest = z
  .object({
    baseVersion: z
      .number()
      .int()
      .min(0)
      .describe('The version the edits were made on (0: no plan yet); a newer one answers 409'),
    review: z.boolean().default(false).describe('This save is a review with the person'),
    content: ZPlanContent,
  })
  .strict();

export const ZPlanVersionIds = z.object({
  personId: z.uuid(),
  version: z.coerce.number().int().min(1).max(1_000_000),
});
export const ZPlanDiffIds = z.object({
  personId: z.uuid(),
  from: z.coerce.number().int().min(0).max(1_000_000),
  to: z.coerce.number().int().min(1).max(1_000_000),
});

const ZName = z.object({ id: z.uuid(), name: z.string() });

export const ZPlanReview = z.object({
  level: z.enum(LEVELS).nullable().describe('The integration level in force'),
  delayDays: z.number().int().describe('Days between reviews at this level (network setting)'),
  lastReviewedAt: z.iso.datetime().nullable(),
  due: z.iso.datetime().nullable(),
  overdue: z.boolean(),
});

export const ZPlanVersion = z.object({
  personId: z.uuid(),
  version: z.number().int().describe('0: no plan saved yet'),
  savedAt: z.iso.datetime().nullable(),
  savedBy: z.string().nullable(),
  content: ZPlanContent,
  dimensions: z.record(z.uuid(), z.enum(PLAN_DIMENSIONS)).describe('Need id → PPCS dimension'),
  names: z.array(ZName).describe('Names of the members and services the content points at'),
  hiddenCategories: z.array(z.literal('medical')).describe('Categories left out for this reader'),
});
export const ZPlan = ZPlanVersion.extend({
  review: ZPlanReview,
  canWrite: z.boolean().describe('I may save a new version'),
});

export const ZPlanVersionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      savedAt: z.iso.datetime(),
      savedBy: z.string(),
      isReview: z.boolean(),
    }),
  ),
});

const ZChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
const ZItemDiff = z.object({
  added: z.array(z.record(z.string(), z.unknown())),
  removed: z.array(z.record(z.string(), z.unknown())),
  changed: z.array(z.object({ id: z.string(), label: z.string(), changes: z.array(ZChange) })),
});
export const ZPlanDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(ZChange),
  needs: ZItemDiff,
  goals: ZItemDiff,
  actions: ZItemDiff,
});
export type TPlanDiff = z.infer<typeof ZPlanDiff>;

const ZTerm = z.object({ code: z.string(), fr: z.string(), en: z.string() });
export const ZPlanVocabulary = z.object({
  needs: z.array(ZTerm.extend({ dimension: z.enum(PLAN_DIMENSIONS) })),
  goals: z.array(ZTerm),
  actionCategories: z.array(ZTerm),
  actionTargets: z.array(ZTerm),
  goalStatuses: z.array(z.string()),
  actionStatuses: z.array(z.string()),
});
