import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { members, services } from './directory.js';
import { persons } from './persons.js';

/** The number behind each reference (DA-2026-000123): one sequence, so a number is never reused. */
export const supportRequestNumber = pgSequence('support_request_number_seq', {
  startWith: 1,
  increment: 1,
});

/**
 * A request for support (demande d'appui) to the network's single entry point, from a member or
 * from the public form. Personal data: read through the request guard (access.policy.ts,
 * decideSupportRequestAccess), every read and change audited.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable and unique, given to the sender: DA-<year>-<number on 6 digits>. */
    reference: text('reference').notNull(),
    /** member: a logged-in user filed it; public: the public form. */
    channel: text('channel', { enum: ['member', 'public'] }).notNull(),
    /** The logged-in requester (channel member); null for the public form. */
    requesterUserId: uuid('requester_user_id').references(() => users.id),
    requesterName: text('requester_name').notNull(),
    requesterPhone: text('requester_phone'),
    requesterEmail: text('requester_email'),
    /** The language the requester's answer is written in. */
    requesterLocale: text('requester_locale', { enum: ['fr', 'en'] })
      .notNull()
      .default('fr'),
    /** Where the request comes from (the network reports this). */
    source: text('source', {
      enum: [
        'community_professional',
        'hospital',
        'medico_social',
        'social_service',
        'person',
        'caregiver',
      ],
    }).notNull(),
    /** The requester's relation to the person, in their words (e.g. "médecin traitant", "fille"). */
    requesterRelation: text('requester_relation'),
    /** The person, when already followed; null for a person new to the network until accepted. */
    personId: uuid('person_id').references(() => persons.id),
    /** The person as the requester named them (for a followed person: as read when filing). */
    personFirstName: text('person_first_name').notNull(),
    personLastName: text('person_last_name').notNull(),
    personBirthDate: date('person_birth_date', { mode: 'string' }),
    personCommune: text('person_commune'),
    /** Its INSEE code, when the requester picked the commune or its name designates only one. */
    personCommuneInsee: text('person_commune_insee'),
    personPhone: text('person_phone'),
    difficulties: text('difficulties').array().notNull(),
    difficultiesNote: text('difficulties_note'),
    urgency: text('urgency', { enum: ['same_day', 'week', 'routine'] }).notNull(),
    alreadyInPlace: text('already_in_place'),
    consentHow: text('consent_how', { enum: ['oral', 'written', 'by_person'] }).notNull(),
    consentAt: date('consent_at', { mode: 'string' }).notNull(),
    /** The person agrees that their GP receives a copy of the answer (a decline, at least). */
    consentShareWithGp: boolean('consent_share_with_gp').notNull().default(false),
    state: text('state', { enum: ['received', 'accepted', 'redirected', 'declined'] })
      .notNull()
      .default('received'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The first answer (accept, redirect or decline): the delay the network measures. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByUserId: uuid('answered_by_user_id').references(() => users.id),
    /** What the requester is told: the reason of a decline, or the note of a redirection. */
    answerNote: text('answer_note'),
    /** The public form's human check, used once (a replayed answer is refused). */
    challengeNonce: text('challenge_nonce'),
  },
  (t) => [
    uniqueIndex('support_requests_reference_key').on(t.reference),
    uniqueIndex('support_requests_challenge_key').on(t.challengeNonce),
    // the triage queue: open requests, oldest first
    index('support_requests_open_idx')
      .on(t.receivedAt)
      .where(sql`${t.state} = 'received'`),
    index('support_requests_requester_idx').on(t.requesterUserId, t.receivedAt),
    index('support_requests_person_idx').on(t.personId),
  ],
);

/** How soon a referral asks for an answer (its delays: src/modules/referrals/referrals.states.ts). */
export const REFERRAL_URGENCIES = ['within_24h', 'within_7d', 'within_30d'] as const;
export const REFERRAL_STATES = ['sent', 'filled', 'completed', 'cancelled'] as const;
export const REFERRAL_RECIPIENT_STATES = [
  'pending',
  'accepted',
  'declined',
  'info_requested',
  'filled_by_other',
] as const;

/**
 * A closed-loop referral (adressage, decision 023): a member asks one or several services or
 * members for an intervention for a person; the first acceptance fills it, the requester completes
 * it with an outcome. Grown from the triage's redirection row: a request redirected to a service is
 * a referral to that one service (support_request_id set; person_id null when the network does not
 * follow the person — then the request's naming of the person is what the recipient reads).
 * Personal data: read and written through the referral guard (access.policy.ts), audited.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supportRequestId: uuid('support_request_id').references(() => supportRequests.id),
    personId: uuid('person_id').references(() => persons.id),
    /** The service of a triage redirection (kept for the request's own screens); else null. */
    serviceId: uuid('service_id').references(() => services.id),
    /** A triage redirection's note to the requester. */
    note: text('note'),
    /** What is asked, in the requester's words. */
    reason: text('reason').notNull().default(''),
    urgency: text('urgency', { enum: REFERRAL_URGENCIES }).notNull().default('within_7d'),
    /** The documents sent with it, described in words until attachments exist. */
    documents: text('documents'),
    state: text('state', { enum: REFERRAL_STATES }).notNull().default('sent'),
    /** When it was sent (the delay of its urgency runs from here). */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    filledAt: timestamp('filled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByUserId: uuid('closed_by_user_id').references(() => users.id),
    /** What came of it (completed), or why it was withdrawn (cancelled). */
    outcome: text('outcome'),
  },
  (t) => [
    index('referrals_request_idx').on(t.supportRequestId),
    index('referrals_person_idx').on(t.personId, t.createdAt),
    index('referrals_open_idx')
      .on(t.createdAt)
      .where(sql`${t.state} = 'sent'`),
  ],
);

/**
 * One recipient of a referral: a directory service (answered by the members working at its
 * organisation who have an account) or a member (answered by their account). Each step is timed.
 */
export const referralRecipients = pgTable(
  'referral_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    serviceId: uuid('service_id').references(() => services.id),
    memberId: uuid('member_id').references(() => members.id),
    state: text('state', { enum: REFERRAL_RECIPIENT_STATES }).notNull().default('pending'),
    /** An acceptance: the first appointment offered. */
    firstDate: date('first_date', { mode: 'string' }),
    /** A decline's reason. */
    declineReason: text('decline_reason'),
    /** The recipient's question, and the requester's answer. */
    infoQuestion: text('info_question'),
    infoAnswer: text('info_answer'),
    infoRequestedAt: timestamp('info_requested_at', { withTimezone: true }),
    infoAnsweredAt: timestamp('info_answered_at', { withTimezone: true }),
    /** The recipient's answer (accept or decline), by whom. */
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByUserId: uuid('answered_by_user_id').references(() => users.id),
    answeredByMemberId: uuid('answered_by_member_id').references(() => members.id),
    /** When another recipient's acceptance filled the referral. */
    filledAt: timestamp('filled_at', { withTimezone: true }),
  },
  (t) => [
    index('referral_recipients_referral_idx').on(t.referralId),
    index('referral_recipients_service_idx').on(t.serviceId),
    index('referral_recipients_member_idx').on(t.memberId),
    uniqueIndex('referral_recipients_service_key').on(t.referralId, t.serviceId),
    uniqueIndex('referral_recipients_member_key').on(t.referralId, t.memberId),
    check(
      'referral_recipients_one_target',
      sql`(${t.serviceId} is null) <> (${t.memberId} is null)`,
    ),
  ],
);
