import type { TDb } from '../db/client.js';
import {
  appendAudit,
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
 * took are still audited, in a transaction of their own: a refusal (answered as its AppError), and
 * the accesses granted before the failure (the person saw a result, even if only an error).
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
    const refused = error instanceof AccessDeniedError ? [error.entry] : [];
    const entries = [
      ...granted.map((entry) => ({
        ...entry,
        details: { ...entry.details, failedWith: errorCode(error) },
      })),
      ...refused,
    ];
    if (entries.length) {
      await db.transaction(async (tx) => {
        for (const entry of entries) await appendAudit(tx, entry);
      });
    }
    throw error instanceof AccessDeniedError ? error.answer : error;
  }
}
