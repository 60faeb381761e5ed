import { z } from 'zod';
import { ALERT_STATES } from '../../db/schema/index.js';
import { ALERT_KINDS } from './alert-rules.js';

export const ZAlertKind = z.enum(ALERT_KINDS);
export const ZAlertId = z.object({ alertId: z.uuid() });

export const ZAlertsQuery = z
  .object({
    scope: z
      .enum(['mine', 'all'])
      .default('mine')
      .describe("mine: the reader's (and, for the coordination team, nobody's); all: staff only"),
    kind: ZAlertKind.optional(),
    state: z
      .enum(['standing', 'closed'])
      .default('standing')
      .describe('standing: open or acknowledged; closed: resolved or cleared'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();

const ZName = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });
const ZStep = z
  .object({ at: z.string(), by: z.string().nullable(), note: z.string().nullable() })
  .nullable();

export const ZAlert = z.object({
  id: z.uuid(),
  kind: ZAlertKind,
  state: z.enum(ALERT_STATES),
  person: ZName.nullable().describe('Null for an alert about a case manager (caseload over cap)'),
  member: ZName.nullable().describe('The case manager a caseload alert is about'),
  owner: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  raisedAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  acknowledged: ZStep,
  resolved: ZStep,
  clearedAt: z.string().nullable(),
  canHandle: z.boolean().describe('The reader may acknowledge or resolve it'),
});

export const ZAlerts = z.object({
  items: z.array(ZAlert),
  total: z.number().int().describe('How many alerts match, before the limit'),
  isStaff: z.boolean().describe('The reader is coordination staff (may see all alerts)'),
});

export const ZAcknowledgeRequest = z
  .object({ note: z.string().trim().max(1000).optional() })
  .strict();
export const ZResolveRequest = z.object({ note: z.string().trim().max(1000) }).strict();
