import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from './directory.js';
import { persons } from './persons.js';

export const roleEnum = pgEnum('role', [
  'admin',
  'coordinator',
  'professional',
  'social',
  'patient',
  'steering',
]);
export const userStatusEnum = pgEnum('user_status', ['invited', 'active', 'disabled']);

/** A login. Non-patient users point at their member profile; patients at their person record. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    locale: text('locale').notNull().default('fr'),
    role: roleEnum('role').notNull(),
    status: userStatusEnum('status').notNull().default('invited'),
    memberId: uuid('member_id').references(() => members.id),
    personId: uuid('person_id').references(() => persons.id),
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Time step (30 s) of the last code accepted: a code is never accepted twice (RFC 6238 §5.2). */
    totpLastStep: integer('totp_last_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    // One account per directory member and per followed person, whatever races (decision 008).
    uniqueIndex('users_member_key').on(t.memberId),
    uniqueIndex('users_person_key').on(t.personId),
  ],
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is the key. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    mfaPending: boolean('mfa_pending').notNull().default(false),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** What a one-time link is for: joining the network, or choosing a new password. */
export const linkPurposeEnum = pgEnum('link_purpose', ['invitation', 'password_reset']);

/** One-time links sent by mail (invitations and password resets); only the token's hash is kept. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    purpose: linkPurposeEnum('purpose').notNull().default('invitation'),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

/** Fixed-window counters for login throttling, shared by every app instance. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
