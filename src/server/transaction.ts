import type { TDb } from '../db/client.js';
import { appendAudit, type TAuditEntry } from '../modules/audit/audit.repository.js';
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

/** Runs fn in one transaction; a refusal is audited after the rollback and answered as AppError. */
export async function withTransaction<T>(db: TDb, fn: (tx: TDb) => Promise<T>): Promise<T> {
  try {
    return await db.transaction((tx) => fn(tx as unknown as TDb));
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      await db.transaction((tx) => appendAudit(tx as unknown as TDb, error.entry));
      throw error.answer;
    }
    throw error;
  }
}
