import { z } from 'zod';
import { LEVELS } from './integration-level.js';
import { ZItemCategory, ZLabel } from './instruments.schemas.js';

export const ZAssessmentIds = z.object({ personId: z.uuid(), assessmentId: z.uuid() });
export const ZAssessmentState = z
  .enum(['draft', 'completed', 'superseded'])
  .describe('draft: being filled; completed: immutable; superseded: a later one replaced it');

export const ZStartAssessmentRequest = z
  .object({ instrumentId: z.string().trim().min(1).max(60).describe('e.g. aggir') })
  .strict();

/** One answer as stored: its type follows the item's (checked against the definition). */
export const ZAnswerValue = z.union([
  z.boolean(),
  z.number(),
  z.string().max(2000),
  z.array(z.string().max(100)).max(50),
]);
export const ZSaveAnswersRequest = z
  .object({
    answers: z
      .record(z.string().min(1).max(100), ZAnswerValue.nullable())
      .describe('Item id → answer; null clears the answer'),
  })
  .strict();

export const ZAnswer = z.object({
  value: ZAnswerValue,
  answeredBy: z.string().describe('Display name of who gave this answer'),
  answeredAt: z.iso.datetime(),
});

export const ZAssessment = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  instrumentId: z.string(),
  instrumentVersion: z.number().int(),
  state: ZAssessmentState,
  startedBy: z.string(),
  startedAt: z.iso.datetime(),
  completedBy: z.string().nullable(),
  completedAt: z.iso.datetime().nullable(),
  result: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'Completed: the stored score; draft: the live score once computable; null when hidden',
    ),
  resultHidden: z.boolean().describe('The result reads data of a category this user may not see'),
});
export const ZAssessmentList = z.object({ items: z.array(ZAssessment) });
export const ZLevelReason = ZLabel.extend({
  rule: z.string(),
  level: z.enum(LEVELS),
  category: ZItemCategory,
});
export const ZLevelView = z.object({
  level: z.enum(LEVELS).nullable().describe('null: no completed assessment yet'),
  label: ZLabel.nullable(),
  reasons: z.array(ZLevelReason),
  hiddenReasons: z
    .number()
    .int()
    .describe('Reasons that read data of a category this user may not see, left out'),
});
export const ZPersonLevel = ZLevelView.extend({
  basedOn: z.array(
    z.object({ assessmentId: z.uuid(), instrumentId: z.string(), completedAt: z.iso.datetime() }),
  ),
  gir: z.number().int().nullable(),
  override: z
    .object({
      level: z.enum(LEVELS),
      label: ZLabel,
      justification: z.string(),
      by: z.string().describe('Display name of the case manager who overrode'),
      at: z.iso.datetime(),
    })
    .nullable()
    .describe(
      "The case manager's override in force (until a newer completed assessment or override)",
    ),
  levelInForce: z
    .enum(LEVELS)
    .nullable()
    .describe('The override when one is in force, else the computed level'),
  reassessmentDue: z.iso.datetime().nullable().describe('From the level in force'),
  canOverride: z.boolean().describe("The reader is the person's case manager, who may override"),
});

export const ZOverrideLevelRequest = z
  .object({
    level: z
      .enum([...LEVELS, 'computed'])
      .describe('The level to apply, or computed to remove the override'),
    justification: z
      .string()
      .trim()
      .min(10)
      .max(2000)
      .describe('Why (required, 10 characters at least)'),
  })
  .strict();

export const ZAssessmentDetail = ZAssessment.extend({
  answers: z.record(z.string(), ZAnswer),
  hiddenCategories: z
    .array(ZItemCategory)
    .describe('Categories of items left out for this user (medical for a social role not granted)'),
  missing: z.array(z.string()).describe('Required items still unanswered (that this user may see)'),
  levelPreview: ZLevelView.describe(
    'The level with this assessment (a draft: as answered so far) and the latest completed others',
  ),
});
