import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditHead, auditLog } from '../../db/schema/index.js';
import { hashAuditRecord } from './audit.hash.js';

/** The chain's head as written outside the database at one moment (see audit.anchor.ts). */
export type TAuditAnchor = { seq: number; hash: string; at: string };

export type TAuditVerification = {
  ok: boolean;
  checked: number;
  /** Every problem found, counted; only the first ones are listed. */
  problemCount: number;
  problems: string[];
  /** The head the walk went up to (read before the walk), or null when it is missing. */
  head: { seq: number; hash: string } | null;
};

const BATCH = 5000;
/** Problems listed in full; the rest are counted (the walk never stops early). */
export const PROBLEMS_LISTED = 100;

/**
 * Walks the whole chain: contiguous sequence, each prev_hash links, each hash recomputes, the head
 * matches, and every anchor kept outside the database is still there, unchanged.
 *
 * The head is read first and the walk stops at it: rows and head commit together, so every row up
 * to the head is there, and rows committed during the walk are simply beyond it (no false alarm).
 * Every problem is counted without stopping, so a flood of one kind cannot hide another after it.
 */
export async function verifyAuditChain(
  db: TDb,
  options: { anchors?: readonly TAuditAnchor[]; listed?: number } = {},
): Promise<TAuditVerification> {
  const listed = options.listed ?? PROBLEMS_LISTED;
  const problems: string[] = [];
  let problemCount = 0;
  const report = (problem: string) => {
    problemCount++;
    if (problems.length < listed) problems.push(problem);
  };
  const anchors = new Map<number, TAuditAnchor[]>();
  for (const anchor of options.anchors ?? []) {
    anchors.set(anchor.seq, [...(anchors.get(anchor.seq) ?? []), anchor]);
  }

  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) report('the chain head is missing');
  let expectedSeq = 1;
  let prevHash = 'genesis';
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(gt(auditLog.seq, expectedSeq - 1), head ? lte(auditLog.seq, head.lastSeq) : undefined),
      )
      .orderBy(asc(auditLog.seq))
      .limit(BATCH);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        report(`row ${expectedSeq} is missing (next row found is ${row.seq})`);
      }
      if (row.prevHash !== prevHash) {
        report(`row ${row.seq} does not link to the row before it`);
      }
      const { hash, ...record } = row;
      if (hashAuditRecord(record) !== hash) {
        report(`row ${row.seq} was altered: its content no longer matches its hash`);
      }
      for (const anchor of anchors.get(row.seq) ?? []) {
        if (anchor.hash !== hash) {
          report(
            `row ${row.seq} differs from its anchor of ${anchor.at}: the chain was rewritten after it was anchored`,
          );
        }
      }
      prevHash = hash;
      expectedSeq = row.seq + 1;
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  const lastSeq = expectedSeq - 1;
  if (head && head.lastSeq !== lastSeq) {
    report(
      `the chain ends at row ${lastSeq} but the head records row ${head.lastSeq}: rows were removed from the end`,
    );
  } else if (head && head.lastHash !== prevHash) {
    report(`the head does not match row ${lastSeq}: it was moved or rewritten`);
  }
  for (const anchor of [...anchors.values()].flat()) {
    if (anchor.seq > lastSeq) {
      report(
        `row ${anchor.seq} was anchored on ${anchor.at} but the chain now ends at row ${lastSeq}: rows were removed from the end and the head moved back`,
      );
    }
  }
  return {
    ok: problemCount === 0,
    checked,
    problemCount,
    problems,
    head: head ? { seq: head.lastSeq, hash: head.lastHash } : null,
  };
}
