import { asc, eq, gt } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditHead, auditLog } from '../../db/schema/index.js';
import { hashAuditRecord } from './audit.hash.js';

export type TAuditVerification = { ok: boolean; checked: number; problems: string[] };

const BATCH = 5000;

/** Walks the whole chain: contiguous sequence, each prev_hash links, each hash recomputes, head matches. */
export async function verifyAuditChain(db: TDb): Promise<TAuditVerification> {
  const problems: string[] = [];
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        problems.push(`row ${expectedSeq} is missing (next row found is ${row.seq})`);
      }
      if (row.prevHash !== prevHash) {
        problems.push(`row ${row.seq} does not link to the row before it`);
      }
      const { hash, ...record } = row;
      if (hashAuditRecord(record) !== hash) {
        problems.push(`row ${row.seq} was altered: its content no longer matches its hash`);
      }
      prevHash = hash;
      expectedSeq = row.seq + 1;
      checked++;
      if (problems.length >= 100) return { ok: false, checked, problems };
    }
    if (rows.length < BATCH) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) problems.push('the chain head is missing');
  else if (head.lastSeq !== expectedSeq - 1 || head.lastHash !== prevHash) {
    problems.push(
      `the chain ends at row ${expectedSeq - 1} but the head records row ${head.lastSeq}: rows were removed from the end`,
    );
  }
  return { ok: problems.length === 0, checked, problems };
}
