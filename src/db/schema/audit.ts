import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained log of every decision on personal data and every security event.
 * A row is appended unsealed (no chain position, no hashes) in the transaction of the access it
 * records, without any lock; one writer seals committed rows into the chain shortly after
 * (audit.seal.ts, decision 013).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** The row's number, in the order rows were appended (gaps where a transaction rolled back). */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** Position in the chain: contiguous from 1, assigned by the sealer; null until sealed. */
    chainPos: bigint('chain_pos', { mode: 'number' }),
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
    /** Null until sealed, like hash. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_chain_pos_idx').on(t.chainPos),
    // what the sealer looks for: small, since rows stay unsealed for a fraction of a second
    index('audit_log_unsealed_idx')
      .on(t.seq)
      .where(sql`${t.chainPos} IS NULL`),
    // a person's trail (GET /api/persons/:id/audit). No index on the actor: no read filters on
    // it, and every audited row paid for it twice, appended and sealed (decision 047).
    index('audit_log_person_idx').on(t.personId, t.seq),
  ],
);

/**
 * Single row holding the chain's head: the last sealed row. Locking it (audit_head_lock())
 * serialises sealers across instances; moved only by the trigger that checks each seal
 * (migrations 0013, 0014).
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastPos: bigint('last_pos', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
