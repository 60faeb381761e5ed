import { asc, isNull, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { hashAuditRecord } from './audit.hash.js';

/** Rows sealed per transaction: one select, one update. */
const SEAL_BATCH = 2000;

/**
 * Seals committed audit rows into the chain (decision 013): under the head's row lock (one sealer
 * at a time, whatever the instance), the unsealed rows in the order they were appended each get
 * the next chain position, the previous row's hash and their own hash, computed on the row as
 * the database stores it; one UPDATE writes a batch, and the trigger checks that it continues the
 * chain and moves the head. Rows of transactions still open are not visible yet: a later run seals
 * them. Returns how many rows were sealed.
 */
export async function sealAuditLog(db: TDb): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      const [head] = await tx
        .select({
          lastPos: sql<number>`last_pos`.mapWith(Number),
          lastHash: sql<string>`last_hash`,
        })
        .from(sql`audit_head_lock()`);
      if (!head) throw new Error('audit_head row is missing: the database was not migrated');
      const rows = await tx
        .select()
        .from(auditLog)
        .where(isNull(auditLog.chainPos))
        .orderBy(asc(auditLog.seq))
        .limit(SEAL_BATCH);
      if (rows.length === 0) return 0;
      let { lastPos, lastHash } = head;
      const seqs: number[] = [];
      const positions: number[] = [];
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const { chainPos: _unsealed, hash: _none, ...record } = row;
        const hash = hashAuditRecord({ ...record, prevHash: lastHash });
        seqs.push(row.seq);
        positions.push(lastPos + 1);
        prevHashes.push(lastHash);
        hashes.push(hash);
        lastPos += 1;
        lastHash = hash;
      }
      await tx.execute(sql`
        UPDATE audit_log AS a
           SET chain_pos = s.pos, prev_hash = s.prev_hash, hash = s.hash
          FROM unnest(${pgArray(seqs)}::bigint[], ${pgArray(positions)}::bigint[],
                      ${pgArray(prevHashes)}::text[], ${pgArray(hashes)}::text[])
               AS s(seq, pos, prev_hash, hash)
         WHERE a.seq = s.seq`);
      return rows.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/** An array literal both drivers pass as one parameter (numbers and hex hashes need no quoting). */
function pgArray(values: readonly (number | string)[]): string {
  return `{${values.join(',')}}`;
}

/** Whether any committed row waits for its seal: one look at a small partial index. */
export async function hasUnsealedRows(db: TDb): Promise<boolean> {
  const rows = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(isNull(auditLog.chainPos))
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
