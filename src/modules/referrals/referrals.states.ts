/**
 * The closed-loop referral as data (decision 023): its states and its recipients' states, ONE table
 * of allowed moves, ONE function that checks a move, and the delay each urgency gives.
 */
import {
  REFERRAL_RECIPIENT_STATES,
  REFERRAL_STATES,
  REFERRAL_URGENCIES,
} from '../../db/schema/requests.js';

export { REFERRAL_RECIPIENT_STATES, REFERRAL_STATES, REFERRAL_URGENCIES };
export type TReferralState = (typeof REFERRAL_STATES)[number];
export type TRecipientState = (typeof REFERRAL_RECIPIENT_STATES)[number];
export type TReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

const HOUR = 60 * 60 * 1000;
/** How long a referral may wait for an acceptance before it is overdue, by urgency. */
export const REFERRAL_DELAYS_MS: Record<TReferralUrgency, number> = {
  within_24h: 24 * HOUR,
  within_7d: 7 * 24 * HOUR,
  within_30d: 30 * 24 * HOUR,
};

/** The moves of a referral and of one recipient, each named, and whose they are. */
export type TReferralMove =
  'accept' | 'decline' | 'request_info' | 'answer_info' | 'fill_other' | 'complete' | 'cancel';

/**
 * The one transition table. For each move: the referral states it may happen in and, for a move
 * of one recipient, the recipient states it may leave, with the states both land in (null: the
 * referral's or the recipient's state does not change).
 */
export const REFERRAL_TRANSITIONS: Record<
  TReferralMove,
  {
    referralFrom: readonly TReferralState[];
    referralTo: TReferralState | null;
    recipientFrom: readonly TRecipientState[] | null;
    recipientTo: TRecipientState | null;
  }
> = {
  // the first acceptance wins: only while the referral is still 'sent'
  accept: {
    referralFrom: ['sent'],
    referralTo: 'filled',
    recipientFrom: ['pending', 'info_requested'],
    recipientTo: 'accepted',
  },
  decline: {
    referralFrom: ['sent'],
    referralTo: null,
    recipientFrom: ['pending', 'info_requested'],
    recipientTo: 'declined',
  },
  request_info: {
    referralFrom: ['sent'],
    referralTo: null,
    recipientFrom: ['pending'],
    recipientTo: 'info_requested',
  },
  answer_info: {
    referralFrom: ['sent'],
    referralTo: null,
    recipientFrom: ['info_requested'],
    recipientTo: 'pending',
  },
  // what an acceptance does to every other recipient still deciding
  fill_other: {
    referralFrom: ['filled'],
    referralTo: null,
    recipientFrom: ['pending', 'info_requested'],
    recipientTo: 'filled_by_other',
  },
  complete: {
    referralFrom: ['filled'],
    referralTo: 'completed',
    recipientFrom: null,
    recipientTo: null,
  },
  cancel: {
    referralFrom: ['sent', 'filled'],
    referralTo: 'cancelled',
    recipientFrom: null,
    recipientTo: null,
  },
};

export type TMoveProblem =
  { kind: 'referral'; state: TReferralState } | { kind: 'recipient'; state: TRecipientState };

/**
 * Checks a move against the table: null when allowed, else which state refuses it (the referral's
 * first, then the recipient's when the move is a recipient's).
 */
export function checkReferralMove(
  move: TReferralMove,
  referral: TReferralState,
  recipient?: TRecipientState,
): TMoveProblem | null {
  const rule = REFERRAL_TRANSITIONS[move];
  if (!rule.referralFrom.includes(referral)) return { kind: 'referral', state: referral };
  if (rule.recipientFrom) {
    if (recipient === undefined || !rule.recipientFrom.includes(recipient)) {
      return { kind: 'recipient', state: recipient ?? 'pending' };
    }
  }
  return null;
}

/** The moves a recipient in this state may make now, for the screens' buttons. */
export function recipientMoves(
  referral: TReferralState,
  recipient: TRecipientState,
): ('accept' | 'decline' | 'request_info')[] {
  return (['accept', 'decline', 'request_info'] as const).filter(
    (move) => checkReferralMove(move, referral, recipient) === null,
  );
}

/** When a referral sent at `sentAt` is due, and by how many ms it is late at `now` (0 if not). */
export function lateness(sentAt: Date, urgency: TReferralUrgency, now: Date): number {
  return Math.max(0, now.getTime() - sentAt.getTime() - REFERRAL_DELAYS_MS[urgency]);
}

/** The states' names in the users' words, for messages. */
export const REFERRAL_STATE_LABELS: Record<
  'fr' | 'en',
  Record<TReferralState | TRecipientState, string>
> = {
  fr: {
    sent: 'envoyé',
    filled: 'pourvu',
    completed: 'terminé',
    cancelled: 'annulé',
    pending: 'en attente de réponse',
    accepted: 'accepté',
    declined: 'refusé',
    info_requested: 'en attente d’informations',
    filled_by_other: 'pourvu par un autre destinataire',
  },
  en: {
    sent: 'sent',
    filled: 'filled',
    completed: 'completed',
    cancelled: 'cancelled',
    pending: 'awaiting an answer',
    accepted: 'accepted',
    declined: 'declined',
    info_requested: 'awaiting information',
    filled_by_other: 'filled by another recipient',
  },
};

/** The moves' names in the users' words, for messages. */
export const REFERRAL_MOVE_LABELS: Record<'fr' | 'en', Record<TReferralMove, string>> = {
  fr: {
    accept: 'accepter',
    decline: 'refuser',
    request_info: 'demander des informations',
    answer_info: 'répondre à la demande d’informations',
    fill_other: 'marquer pourvu',
    complete: 'terminer',
    cancel: 'annuler',
  },
  en: {
    accept: 'accept',
    decline: 'decline',
    request_info: 'ask for information',
    answer_info: 'answer the request for information',
    fill_other: 'mark filled',
    complete: 'complete',
    cancel: 'cancel',
  },
};
