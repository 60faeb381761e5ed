import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { members } from './directory.js';
import { persons } from './persons.js';

/** The categories of a logbook entry (decision 021); each maps to one of the guard's data categories. */
export const LOGBOOK_CATEGORIES = ['medical', 'social', 'administrative', 'daily_life'] as const;

/**
 * The person's logbook (transmissions, the ANS "Cahier de liaison" profile, decision 021): one row
 * per note by a care-team member. Never updated: a correction is a new row naming the one it
 * corrects (corrects_id, at most one correction each), a reply names the entry it answers.
 */
export const logbookEntries = pgTable(
  'logbook_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    category: text('category', { enum: LOGBOOK_CATEGORIES }).notNull(),
    urgent: boolean('urgent').notNull().default(false),
    text: text('text').notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    authorMemberId: uuid('author_member_id').references(() => members.id),
    replyToId: uuid('reply_to_id').references((): AnyPgColumn => logbookEntries.id),
    correctsId: uuid('corrects_id').references((): AnyPgColumn => logbookEntries.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The logbook page: one person's entries of one category, newest first (one probe each).
    index('logbook_entries_person_category_idx').on(t.personId, t.category, t.createdAt, t.id),
    uniqueIndex('logbook_entries_corrects_key')
      .on(t.correctsId)
      .where(sql`${t.correctsId} is not null`),
    index('logbook_entries_reply_idx')
      .on(t.replyToId)
      .where(sql`${t.replyToId} is not null`),
  ],
);

/** Read receipts: who read an entry, when (one row per reader and entry). */
export const logbookReads = pgTable(
  'logbook_reads',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => logbookEntries.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Files attached to a logbook entry, a message or a referral: their bytes in the
 * database, beside their entry (decision 021), the type sniffed from the content.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The person it concerns; null for a message or referral about no one person. */
    personId: uuid('person_id').references(() => persons.id),
    /** What it is attached to: 'logbook_entries', 'messages' or 'referrals', and the row's id. */
    ownerTable: text('owner_table').notNull(),
    ownerId: uuid('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerTable, t.ownerId)],
);
