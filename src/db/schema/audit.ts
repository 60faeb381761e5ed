import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
 * A row is appended in the transaction of the access it records, without any lock, and is never
 * changed after: one writer seals committed rows into the chain shortly after by writing an
 * audit_seal row (audit.seal.ts, decisions 013 and 054).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** The row's number, in the order rows were appended (gaps where a transaction rolled back). */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /**
     * Position in the chain of rows sealed before decision 054 (sealed in place); null for the
     * rows sealed since, whose position and hash their audit_seal row holds.
     */
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
    /** Set only on rows sealed before decision 054, like hash. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    // the rows sealed in place before decision 054, walked by the verifier in chain order
    uniqueIndex('audit_log_chain_pos_idx')
      .on(t.chainPos)
      .where(sql`${t.chainPos} IS NOT NULL`),
    // a person's trail (GET /api/persons/:id/audit). No index on the actor: no read filters on
    // it, and every audited row paid for it (decision 047).
    index('audit_log_person_idx').on(t.personId, t.seq),
    // the rows of list reads (decision 056: one row per list, no person_id), by the ids listed
    // in details.listed: the other half of a person's trail. Partial: other rows pay nothing.
    index('audit_log_listed_idx')
      .using(
        'gin',
        sql`jsonb_path_query_array(${t.details}, '$.listed[*].personId') jsonb_path_ops`,
      )
      .where(sql`${t.details} ? 'listed'`),
  ],
);

/**
 * The audit rows committed and not yet sealed: one row each, queued by the audit_log insert
 * trigger, taken off by the trigger of the audit_seal row that seals it (migration 0045). A small
 * queue instead of a flag on audit_log: audit_log rows are never updated (decision 054).
 */
export const auditUnsealed = pgTable('audit_unsealed', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
});

/**
 * One run of the sealer: the rows it sealed, in chain order, at the positions from firstPos on,
 * each with its hash (SHA-256 over the row as stored and the hash before it, decision 013); the
 * first links to prevHash. Insert-only; its trigger checks that it continues the chain from the
 * head and takes exactly rows waiting for their seal, then moves the head (migration 0045).
 */
export const auditSeal = pgTable(
  'audit_seal',
  {
    firstPos: bigint('first_pos', { mode: 'number' }).primaryKey(),
    seqs: bigint('seqs', { mode: 'number' }).array().notNull(),
    hashes: text('hashes').array().notNull(),
    prevHash: text('prev_hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'audit_seal_shape',
      sql`cardinality(${t.seqs}) > 0 AND cardinality(${t.seqs}) = cardinality(${t.hashes})
          AND array_ndims(${t.seqs}) = 1 AND array_lower(${t.seqs}, 1) = 1
          AND array_ndims(${t.hashes}) = 1 AND array_lower(${t.hashes}, 1) = 1
          AND array_position(${t.seqs}, NULL) IS NULL AND array_position(${t.hashes}, NULL) IS NULL`,
    ),
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
