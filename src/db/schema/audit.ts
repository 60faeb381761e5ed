import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only, hash-chained log of every decision on personal data and every security event. */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Contiguous: head.lastSeq + 1, assigned under the head row lock. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    personId: uuid('person_id'),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    breakGlass: text('break_glass'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_person_idx').on(t.personId, t.seq),
    index('audit_log_actor_idx').on(t.actorUserId, t.seq),
  ],
);

/**
 * Single row holding the chain's head; locking it (audit_head_lock()) serialises appends across
 * instances. Moved only by the trigger on audit_log inserts (migration 0012).
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
