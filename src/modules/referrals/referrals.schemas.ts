import { z } from 'zod';
import { ZAttachment, ZUploads } from '../attachments/attachments.schemas.js';
import {
  REFERRAL_RECIPIENT_STATES,
  REFERRAL_STATES,
  REFERRAL_URGENCIES,
} from './referrals.states.js';

export const ZReferralState = z
  .enum(REFERRAL_STATES)
  .describe('sent → filled (an acceptance) → completed; cancelled; decision 023');
export const ZRecipientState = z
  .enum(REFERRAL_RECIPIENT_STATES)
  .describe('pending → accepted / declined / info_requested (→ pending) / filled_by_other');
export const ZReferralUrgency = z
  .enum(REFERRAL_URGENCIES)
  .describe('How soon an acceptance is expected: within 24 hours, 7 days or 30 days');
const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZDay = z.iso.date().describe('A calendar day, YYYY-MM-DD');

export const ZReferralId = z.object({ referralId: z.uuid() });
export const ZReferralAttachmentIds = z.object({ referralId: z.uuid(), attachmentId: z.uuid() });
export const ZRecipientIds = z.object({ referralId: z.uuid(), recipientId: z.uuid() });

export const ZRecipientTarget = z.union([
  z.object({ serviceId: z.uuid() }).strict(),
  z.object({ memberId: z.uuid() }).strict(),
]);

export const ZSendReferralRequest = z
  .object({
    reason: ZText(2000).describe('What is asked of the recipients'),
    urgency: ZReferralUrgency,
    documents: z.string().trim().max(2000).optional().describe('The documents sent, in words'),
    attachments: ZUploads().describe('The documents themselves (up to 3 files)'),
    recipients: z
      .array(ZRecipientTarget)
      .min(1)
      .max(10)
      .describe('One or several directory services or members'),
  })
  .strict();

export const ZAnswerRequest = z.discriminatedUnion('decision', [
  z
    .object({ decision: z.literal('accept'), firstDate: ZDay.describe('The first appointment') })
    .strict(),
  z.object({ decision: z.literal('decline'), reason: ZText(1000) }).strict(),
  z.object({ decision: z.literal('request_info'), question: ZText(1000) }).strict(),
]);

export const ZInfoAnswerRequest = z.object({ answer: ZText(2000) }).strict();
export const ZCloseRequest = z
  .object({ outcome: ZText(1000).describe('What came of it (completed), or why (cancelled)') })
  .strict();

export const ZRecipient = z.object({
  id: z.uuid(),
  serviceId: z.uuid().nullable(),
  memberId: z.uuid().nullable(),
  name: z.string().describe('The service and its structure, or the member'),
  state: ZRecipientState,
  firstDate: z.string().nullable(),
  declineReason: z.string().nullable(),
  infoQuestion: z.string().nullable(),
  infoAnswer: z.string().nullable(),
  infoRequestedAt: z.string().nullable(),
  infoAnsweredAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  filledAt: z.string().nullable(),
  /** The reader answers for this recipient; the moves they may make now. */
  mine: z.boolean(),
  moves: z.array(z.enum(['accept', 'decline', 'request_info'])),
});

export const ZReferral = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  supportRequestId: z.uuid().nullable(),
  view: z
    .enum(['full', 'addressed'])
    .describe('full: the care team; addressed: a recipient deciding'),
  subject: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      commune: z.string().nullable(),
      age: z.number().int().nullable(),
    })
    .nullable(),
  reason: z.string(),
  urgency: ZReferralUrgency,
  documents: z.string().nullable(),
  attachments: z.array(ZAttachment).describe('Files sent with the referral'),
  state: ZReferralState,
  sentAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  filledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  recipients: z.array(ZRecipient),
  /** The reader follows it up (answers questions, completes, cancels). */
  canFollow: z.boolean(),
});

export const ZReferralList = z.object({ items: z.array(ZReferral) });

export const ZUsualProviders = z.object({
  members: z.array(
    z.object({
      memberId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      profession: z.string(),
    }),
  ),
  services: z.array(
    z.object({
      serviceId: z.uuid(),
      name: z.string(),
      organisationName: z.string(),
      accepting: z.string(),
    }),
  ),
});

export type TReferralView = z.output<typeof ZReferral>;
