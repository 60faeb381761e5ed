import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { services } from './directory.js';
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

/**
 * A redirection to a directory service, kept to follow up later (did the service take the
 * person?). The liaison module's closed-loop referrals will grow from this row.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supportRequestId: uuid('support_request_id').references(() => supportRequests.id),
    personId: uuid('person_id').references(() => persons.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    note: text('note'),
    state: text('state', { enum: ['to_follow_up', 'followed_up'] })
      .notNull()
      .default('to_follow_up'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
  },
  (t) => [index('referrals_request_idx').on(t.supportRequestId)],
);
