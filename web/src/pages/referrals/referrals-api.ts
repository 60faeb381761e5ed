/**
 * The closed-loop referrals' calls (decision 023), typed from the server's zod schemas like the
 * rest of the client (decision 009), kept beside their screens.
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/referrals/referrals.schemas';
import { listOf, request } from '../../api';

export type Referral = z.output<typeof schemas.ZReferral>;
export type Recipient = Referral['recipients'][number];
export type ReferralList = z.output<typeof schemas.ZReferralList>;
export type ReferralUrgency = z.output<typeof schemas.ZReferralUrgency>;
export type SendReferralBody = z.input<typeof schemas.ZSendReferralRequest>;
export type RecipientTarget = SendReferralBody['recipients'][number];
export type AnswerBody = z.input<typeof schemas.ZAnswerRequest>;
export type UsualProviders = z.output<typeof schemas.ZUsualProviders>;

export const URGENCIES = listOf<ReferralUrgency>({
  within_24h: true,
  within_7d: true,
  within_30d: true,
});

const person = (personId: string) => `/api/persons/${encodeURIComponent(personId)}`;
const one = (referralId: string) => `/api/referrals/${encodeURIComponent(referralId)}`;

export const referralsApi = {
  ofPerson: (personId: string) => request<ReferralList>('GET', `${person(personId)}/referrals`),
  usualProviders: (personId: string) =>
    request<UsualProviders>('GET', `${person(personId)}/usual-providers`),
  fileUrl: (referralId: string, attachmentId: string) =>
    `${one(referralId)}/attachments/${encodeURIComponent(attachmentId)}`,
  send: (personId: string, body: SendReferralBody) =>
    request<Referral>('POST', `${person(personId)}/referrals`, body),
  inbox: () => request<ReferralList>('GET', '/api/referrals/inbox'),
  get: (referralId: string) => request<Referral>('GET', one(referralId)),
  answer: (referralId: string, recipientId: string, body: AnswerBody) =>
    request<Referral>(
      'POST',
      `${one(referralId)}/recipients/${encodeURIComponent(recipientId)}/answer`,
      body,
    ),
  answerInfo: (referralId: string, recipientId: string, answer: string) =>
    request<Referral>(
      'POST',
      `${one(referralId)}/recipients/${encodeURIComponent(recipientId)}/info-answer`,
      { answer },
    ),
  complete: (referralId: string, outcome: string) =>
    request<Referral>('POST', `${one(referralId)}/complete`, { outcome }),
  cancel: (referralId: string, outcome: string) =>
    request<Referral>('POST', `${one(referralId)}/cancel`, { outcome }),
};
