import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditLog, auditSeal, auditUnsealed } from '../../db/schema/index.js';
import { hashAuditRecord } from './audit.hash.js';

/** Rows sealed per transaction at most: one select, one audit_seal row. */
const SEAL_BATCH = 2000;

/** The columns of an audit row that its hash covers (all but decision 013's in-place seal). */
const {
  chainPos: _position,
  prevHash: _prev,
  hash: _hash,
  ...recordColumns
} = getTableColumns(auditLog);
export const auditRecordColumns = recordColumns;

/**
 * Seals committed audit rows into the chain (decisions 013 and 054): under the head's row lock
 * (one sealer at a time, whatever the instance), the rows waiting in audit_unsealed, in the order
 * they were appended, each get the next chain position and a hash — SHA-256 over the row as the
 * database stores it, read back, and the hash before it — all written as one audit_seal row,
 * whose trigger checks that it continues the chain, takes the rows off the queue and moves the
 * head. The rows themselves are not written again. Rows of transactions still open are not
 * visible yet: a later run seals them. Returns how many rows were sealed.
 */
export async function sealAuditLog(db: TDb): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      const [head] = await tx
        .select({
          lastPos: sql<number>`last_pos`.mapWith(Number),
          lastHash: sql<string>`last_hash`,
          // The queue's dead entries (rows sealed since the last vacuum) are skipped by walking
          // its primary key, which marks them as it goes; a scan of its table or a bitmap would
          // read them all again at every run.
          indexOnly: sql`set_config('enable_seqscan', 'off', true)`,
          noBitmap: sql`set_config('enable_bitmapscan', 'off', true)`,
        })
        .from(sql`audit_head_lock()`);
      if (!head) throw new Error('audit_head row is missing: the database was not migrated');
      const rows = await tx
        .select(recordColumns)
        .from(auditUnsealed)
        .innerJoin(auditLog, eq(auditLog.seq, auditUnsealed.seq))
        .orderBy(asc(auditUnsealed.seq))
        .limit(SEAL_BATCH);
      if (rows.length === 0) return 0;
      let prevHash = head.lastHash;
      const hashes = rows.map((row) => (prevHash = hashAuditRecord({ ...row, prevHash })));
      await tx.insert(auditSeal).values({
        firstPos: head.lastPos + 1,
        seqs: rows.map((row) => row.seq),
        hashes,
        prevHash: head.lastHash,
      });
      return rows.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/** Whether any committed row waits for its seal: one look at the queue's first key. */
export async function hasUnsealedRows(db: TDb): Promise<boolean> {
  const rows = await db
    .select({ seq: auditUnsealed.seq })
    .from(auditUnsealed)
    .orderBy(asc(auditUnsealed.seq))
    .limit(1);
  return rows.length > 0;
}

export type TAuditSealer = {
  /** Seals what is there now (also what a stop does last). */
  sealNow: () => Promise<number>;
  /** Stops the loop after the current run and seals a last time. */
  stop: () => Promise<void>;
};

/**
 * Seals every intervalMs while the server runs (every instance runs one; the head lock lets one
 * seal at a time and the others find nothing left). Nothing is kept in memory: rows left unsealed
 * by a crash are sealed by the next run of any instance. A failed run is reported and retried.
 */
export function startAuditSealer(
  db: TDb,
  options: { intervalMs: number; onError: (error: unknown) => void },
): TAuditSealer {
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  const run = (): Promise<number> => {
    running = running.then(async () => {
      try {
        return (await hasUnsealedRows(db)) ? await sealAuditLog(db) : 0;
      } catch (error) {
        options.onError(error);
        return 0;
      }
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void run().then(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    sealNow: run,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await run();
    },
  };
}
