import { z } from 'zod';
import { AGGIR_GROUPS, AGGIR_VARIABLES } from './instruments/aggir.js';

export const ZLabel = z.object({ fr: z.string(), en: z.string() });
export const ZAggirCode = z
  .enum(['A', 'B', 'C'], {
    error: (issue) =>
      issue.input === undefined ? 'validation.required' : 'instruments.aggir_code',
  })
  .describe(
    'A: does it alone, spontaneously, completely, habitually and correctly; C: does not; B: in between',
  );
export const ZAnswerType = z.enum([
  'abc',
  'yes_no',
  'number',
  'scale',
  'choice',
  'multi_choice',
  'text',
]);
export const ZItemCategory = z.enum(['identity', 'medical', 'social', 'administrative']);

export const ZInstrumentItem = z.object({
  id: z.string(),
  type: ZAnswerType,
  category: ZItemCategory.describe('The data category the access guard filters on'),
  label: ZLabel,
  help: ZLabel.optional(),
  required: z.boolean().describe('Must be answered before the assessment is completed'),
  requiredWhen: z
    .object({ item: z.string(), equals: z.union([z.boolean(), z.string()]) })
    .optional()
    .describe('Required only when another item has this answer'),
  scored: z.boolean().describe('false: recorded, does not enter the score'),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  options: z.array(z.object({ value: z.string(), label: ZLabel })).optional(),
  maxLength: z.number().int().optional(),
});
export const ZInstrumentSection = z.object({
  id: z.string(),
  label: ZLabel,
  items: z.array(ZInstrumentItem),
});
/** An instrument's definition, without its scoring function: what the web forms are built from. */
export const ZInstrumentDefinition = z.object({
  id: z.string(),
  version: z.number().int(),
  label: ZLabel,
  description: ZLabel,
  resultCategory: ZItemCategory,
  sections: z.array(ZInstrumentSection),
});
export const ZInstrumentList = z.object({ items: z.array(ZInstrumentDefinition) });

/** POST /api/instruments/aggir/score: the eight weighted codes, nothing that names a person. */
export const ZAggirScoreRequest = z
  .object({
    codes: z
      .object(
        Object.fromEntries(AGGIR_VARIABLES.map((variable) => [variable, ZAggirCode])) as Record<
          (typeof AGGIR_VARIABLES)[number],
          typeof ZAggirCode
        >,
      )
      .strict(),
  })
  .strict();
export const ZAggirScoreResponse = z.object({
  gir: z.number().int().min(1).max(6).describe('1: most dependent … 6: autonomous'),
  rank: z.number().int().min(1).max(13).describe('The rank of annex 2-2 (1–13)'),
  group: z.enum(AGGIR_GROUPS).describe('The group whose total reached its threshold'),
});
