import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditHead, auditLog } from '../../db/schema/index.js';
import { hashAuditRecord, type TAuditRecord } from './audit.hash.js';

/** What a caller says about an event; sequence, time and hashes are added here. */
export type TAuditEntry = {
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  outcome: 'allowed' | 'denied' | 'success' | 'failure';
  reason?: string | null;
  breakGlass?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
};

/**
 * Appends one row to the chain inside the caller's transaction. Locking the head row serialises
 * appends across connections and instances, so the chain never forks.
 */
export async function appendAudit(tx: TDb, entry: TAuditEntry): Promise<void> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row is missing: the database was not migrated');
  const record: TAuditRecord = {
    seq: head.lastSeq + 1,
    at: new Date(),
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    personId: entry.personId ?? null,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
    breakGlass: entry.breakGlass ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? null,
    prevHash: head.lastHash,
  };
  const hash = hashAuditRecord(record);
  await tx.insert(auditLog).values({ ...record, hash });
  await tx
    .update(auditHead)
    .set({ lastSeq: record.seq, lastHash: hash })
    .where(eq(auditHead.id, 1));
}

/** Newest first, keyset-paginated by sequence number. */
export async function listAuditRows(
  db: TDb,
  filter: { personId?: string; actorUserId?: string; beforeSeq?: number; limit: number },
) {
  const conditions: SQL[] = [];
  if (filter.personId) conditions.push(eq(auditLog.personId, filter.personId));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.beforeSeq) conditions.push(lt(auditLog.seq, filter.beforeSeq));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit);
}
