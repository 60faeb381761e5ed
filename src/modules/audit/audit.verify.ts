import { and, asc, count, eq, gt, isNotNull, lte, min, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditHead, auditLog, auditSeal, auditUnsealed } from '../../db/schema/index.js';
import type { TAuditRecord } from './audit.hash.js';
import { hashAuditRecord } from './audit.hash.js';
import { auditRecordColumns } from './audit.seal.js';

/**
 * The chain's head as written outside the database at one moment (see audit.anchor.ts). `seq` is
 * the chain position of the head row (the name anchors have always had in the file).
 */
export type TAuditAnchor = { seq: number; hash: string; at: string };

/**
 * A row may wait this long for its seal (the sealer runs every fraction of a second); an older
 * unsealed row means no sealer runs, and rows outside the chain are protected by the database's
 * rights only (decision 013): reported as a problem.
 */
export const UNSEALED_GRACE_MS = 10 * 60 * 1000;

export type TAuditVerification = {
  ok: boolean;
  checked: number;
  /** Every problem found, counted; only the first ones are listed. */
  problemCount: number;
  problems: string[];
  /** The head the walk went up to (read before the walk), or null when it is missing. */
  head: { seq: number; hash: string } | null;
  /** Rows committed but not sealed into the chain yet (normally a fraction of a second's worth). */
  unsealed: number;
};

const BATCH = 5000;
/** Problems listed in full; the rest are counted (the walk never stops early). */
export const PROBLEMS_LISTED = 100;

/**
 * Walks the whole chain in chain order: contiguous positions, each prev_hash links, each hash
 * recomputes, the head matches, every anchor kept outside the database is still there, unchanged,
 * and no row has waited for its seal longer than UNSEALED_GRACE_MS.
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
  let expectedPos = 1;
  let prevHash = 'genesis';
  let checked = 0;
  for await (const rows of chainRows(db, head?.lastPos ?? null)) {
    for (const row of rows) {
      const { pos, hash, record } = row;
      if (pos !== expectedPos) {
        report(`row ${expectedPos} is missing (next row found is ${pos})`);
      }
      if (row.prevHash !== prevHash) {
        report(`row ${pos} does not link to the row before it`);
      }
      if (hashAuditRecord({ ...record, prevHash: row.prevHash }) !== hash) {
        report(`row ${pos} was altered: its content no longer matches its hash`);
      }
      for (const anchor of anchors.get(pos) ?? []) {
        if (anchor.hash !== hash) {
          report(
            `row ${pos} differs from its anchor of ${anchor.at}: the chain was rewritten after it was anchored`,
          );
        }
      }
      prevHash = hash;
      expectedPos = pos + 1;
      checked++;
    }
  }
  const lastPos = expectedPos - 1;
  const [waiting] = await db
    .select({ rows: count(), oldest: min(auditLog.at) })
    .from(auditUnsealed)
    .leftJoin(auditLog, eq(auditLog.seq, auditUnsealed.seq));
  const unsealed = waiting?.rows ?? 0;
  if (waiting?.oldest && Date.now() - new Date(waiting.oldest).getTime() > UNSEALED_GRACE_MS) {
    report(
      `${unsealed} audit rows wait for their seal, the oldest since ${new Date(waiting.oldest).toISOString()}: no sealer is running`,
    );
  }
  if (head && head.lastPos !== lastPos) {
    report(
      `the chain ends at row ${lastPos} but the head records row ${head.lastPos}: rows were removed from the end`,
    );
  } else if (head && head.lastHash !== prevHash) {
    report(`the head does not match row ${lastPos}: it was moved or rewritten`);
  }
  for (const anchor of [...anchors.values()].flat()) {
    if (anchor.seq > lastPos) {
      report(
        `row ${anchor.seq} was anchored on ${anchor.at} but the chain now ends at row ${lastPos}: rows were removed from the end and the head moved back`,
      );
    }
  }
  return {
    ok: problemCount === 0,
    checked,
    problemCount,
    problems,
    head: head ? { seq: head.lastPos, hash: head.lastHash } : null,
    unsealed,
  };
}

/** A row found in the chain: its position, what it says, and the hashes stored for it. */
type TChainRow = {
  pos: number;
  record: Omit<TAuditRecord, 'prevHash'>;
  /** The hash stored before it (in place, or its seal's previous one) and its own. */
  prevHash: string;
  hash: string;
};

/** Seals read per query (each holds at most the sealer's batch of rows). */
const SEALS = 20;

/**
 * The rows of the chain up to the head's position, in chain order, in batches: first the rows
 * sealed in place before decision 054 (their chain_pos and hashes on the row), then the rows of
 * each audit_seal. A row missing from audit_log is simply not yielded (the walk reports the gap);
 * a seal's stored hashes still link the rows after it, as a row's prev_hash did.
 */
async function* chainRows(db: TDb, headPos: number | null): AsyncGenerator<TChainRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(
          isNotNull(auditLog.chainPos),
          gt(auditLog.chainPos, after),
          headPos === null ? undefined : lte(auditLog.chainPos, headPos),
        ),
      )
      .orderBy(asc(auditLog.chainPos))
      .limit(BATCH);
    if (rows.length > 0) {
      yield rows.map(({ chainPos, prevHash, hash, ...record }) => ({
        pos: chainPos ?? 0,
        record,
        prevHash: prevHash ?? '',
        hash: hash ?? '',
      }));
      after = rows.at(-1)!.chainPos ?? after;
    }
    if (rows.length < BATCH) break;
  }
  for (;;) {
    const seals = await db
      .select()
      .from(auditSeal)
      .where(
        and(
          gt(auditSeal.firstPos, after),
          headPos === null ? undefined : lte(auditSeal.firstPos, headPos),
        ),
      )
      .orderBy(asc(auditSeal.firstPos))
      .limit(SEALS);
    if (seals.length === 0) return;
    const seqs = seals.flatMap((seal) => seal.seqs);
    const found = new Map(
      (
        await db
          .select(auditRecordColumns)
          .from(auditLog)
          .where(sql`${auditLog.seq} = ANY(${`{${seqs.join(',')}}`}::bigint[])`)
      ).map((row) => [row.seq, row]),
    );
    const rows: TChainRow[] = [];
    for (const seal of seals) {
      seal.seqs.forEach((seq, i) => {
        const record = found.get(seq);
        if (!record) return;
        rows.push({
          pos: seal.firstPos + i,
          record,
          prevHash: i === 0 ? seal.prevHash : seal.hashes[i - 1]!,
          hash: seal.hashes[i]!,
        });
      });
    }
    yield rows;
    after = seals.at(-1)!.firstPos;
    if (seals.length < SEALS) return;
  }
}
