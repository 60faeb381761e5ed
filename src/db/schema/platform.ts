import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { invitations } from './accounts.js';

/** Mail waiting to be sent (SMTP) or kept for admins to read when no SMTP server is configured. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** The text, where a one-time link stands as OUTBOX_LINK_MARK: never the link itself. */
    body: text('body').notNull(),
    /**
     * The one-time link (invitation, password reset) put in place of the mark when the mail is
     * sent; read only by the mailer and by an audited reveal, and wiped once the mail is sent.
     */
    link: text('link'),
    /** The one-time link's row, to show its state (open, used, expired) without the link. */
    invitationId: uuid('invitation_id').references(() => invitations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The last delivery failure (the SMTP answer), kept until the mail is sent. */
    error: text('error'),
    /** Failed deliveries so far. */
    attempts: integer('attempts').notNull().default(0),
    /** No delivery before this time (backoff after a failure); null: as soon as possible. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Set when delivery stopped: a permanent refusal, or too many failures. An admin may retry. */
    gaveUpAt: timestamp('gave_up_at', { withTimezone: true }),
    /** An instance is sending this mail until then (its lease); another one leaves it alone. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (table) => [
    // the mailer's queue: only mails still to deliver
    index('outbox_pending_idx')
      .on(table.createdAt)
      .where(sql`${table.sentAt} is null and ${table.gaveUpAt} is null`),
  ],
);

/** Network-wide settings edited by admins (e.g. roles that must use a second factor). */
export const networkSettings = pgTable('network_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
