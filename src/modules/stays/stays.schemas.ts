import { z } from 'zod';
import { DISCHARGE_DESTINATIONS } from '../../db/schema/index.js';

const ZWhen = z.iso.datetime({ offset: true }).describe('Date and time, ISO 8601');

export const ZPersonStayIds = z.object({ personId: z.uuid(), stayId: z.uuid() });

/** An admission: the facility from the directory or in words, when, planned or not, why. */
export const ZAdmitRequest = z
  .object({
    facilityOrganisationId: z.uuid().optional().describe('The facility, from the directory'),
    facilityName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('The facility in words, when it is not in the directory'),
    admittedAt: ZWhen,
    planned: z.boolean().describe('A planned admission (surgery, respite) or not (emergency)'),
    reason: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .describe('Why, in words (medical: shown only to those who may read medical data)'),
  })
  .strict();

export const ZDischargeRequest = z
  .object({
    dischargedAt: ZWhen,
    destination: z.enum(DISCHARGE_DESTINATIONS).describe('Where the person went'),
    planned: z.boolean().describe('A discharge prepared with the network, or not'),
  })
  .strict();

const ZName = z.object({ firstName: z.string(), lastName: z.string() }).nullable();

export const ZStay = z.object({
  id: z.uuid(),
  facility: z.object({ organisationId: z.uuid().nullable(), name: z.string() }),
  admittedAt: z.string(),
  planned: z.boolean(),
  reason: z.string().nullable().describe('Null when none, or when the reader may not see it'),
  reasonHidden: z.boolean().describe('A reason exists that the reader may not see'),
  admittedBy: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  destination: z.enum(DISCHARGE_DESTINATIONS).nullable(),
  dischargePlanned: z.boolean().nullable(),
  dischargedBy: z.string().nullable(),
});

export const ZStays = z.object({
  items: z.array(ZStay).describe('Newest first'),
  canRecord: z.boolean().describe('The reader may record an admission or a discharge'),
  /** An unplanned stay is open and the pathway is active: the UI suggests suspending it. */
  suggestSuspend: z.boolean(),
  caseManager: ZName.describe('Told of each discharge, with a follow-up due within 48 h'),
});
