import type { TDb } from '../db/client.js';
import {
  appendAuditRows,
  withDeferredAudit,
  type TAuditEntry,
} from '../modules/audit/audit.repository.js';
import type { AppError } from './errors.js';

/**
 * Thrown inside a transaction when the guard refuses access. The transaction rolls back (nothing
 * half-written) and the refusal is then audited in a transaction of its own.
 */
export class AccessDeniedError extends Error {
  constructor(
    public readonly entry: TAuditEntry,
    public readonly answer: AppError,
  ) {
    super(answer.message);
    this.name = 'AccessDeniedError';
  }
}

/** Access granted inside each open transaction, to be audited even if the transaction fails. */
const grantedIn = new WeakMap<object, TAuditEntry[]>();

/** The guard records here each access it allowed (its audit row is also written in tx). */
export function noteGrantedAccess(tx: TDb, entry: TAuditEntry): void {
  grantedIn.get(tx)?.push(entry);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'internal';
}

/**
 * Runs fn in one transaction, its audit rows written together at the end (withDeferredAudit).
 * If it fails, nothing it wrote stays — but the access decisions it
 * took are still audited, on their own (one insert, atomic by itself): a refusal (answered as its
 * AppError), and the accesses granted before the failure (the person saw a result, even if only
 * an error).
 */
export async function withTransaction<T>(db: TDb, fn: (tx: TDb) => Promise<T>): Promise<T> {
  let granted: TAuditEntry[] = [];
  try {
    return await db.transaction((tx) => {
      granted = [];
      grantedIn.set(tx, granted);
      return withDeferredAudit(tx, () => fn(tx));
    });
  } catch (error) {
    throw await auditFailure(db, granted, error);
  }
}

/**
 * An audited read without an explicit transaction (decision 019): fn reads the data and its
 * access facts in ONE statement (one snapshot: the decision applies to exactly what was read),
 * the guard decides; the audit rows are then written in one autocommit insert (shared with the
 * reads that finish meanwhile, decision 053), and only once it has committed does this resolve — so nothing is returned, hence nothing disclosed, without its
 * durable audit row. If the insert fails, this rejects (a 500) and fn's result is dropped.
 * Refusals and failures are audited as in withTransaction. For reads only: fn must not write
 * (a change keeps its transaction, withTransaction), nor read in two statements what one
 * decision covers.
 */
export async function withAuditedRead<T>(db: TDb, fn: (read: TDb) => Promise<T>): Promise<T> {
  // A handle of its own (the same database, through the pool) to key this read's deferred audit
  // rows and granted accesses: concurrent reads share `db`.
  const read = Object.create(db) as TDb;
  const granted: TAuditEntry[] = [];
  grantedIn.set(read, granted);
  try {
    return await withDeferredAudit(read, () => fn(read), { groupedOn: db });
  } catch (error) {
    throw await auditFailure(db, granted, error);
  }
}

/**
 * After a failed unit of work: audits its refusal and the accesses it had granted (one insert,
 * atomic on its own), and gives the error to throw (a refusal's answer).
 */
async function auditFailure(db: TDb, granted: TAuditEntry[], error: unknown): Promise<unknown> {
  const refused = error instanceof AccessDeniedError ? [error.entry] : [];
  const entries = [
    ...granted.map((entry) => ({
      ...entry,
      details: { ...entry.details, failedWith: errorCode(error) },
    })),
    ...refused,
  ];
  if (entries.length) await appendAuditRows(db, entries);
  return error instanceof AccessDeniedError ? error.answer : error;
}
