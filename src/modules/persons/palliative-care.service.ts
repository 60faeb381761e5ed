/**
 * The palliative-care flag of the emergency liaison sheet (decision 020), read and set on its own
 * (decision 027): it is health data, so only those the guard lets read medical data see it and
 * only those it lets write medical data change it — not every reader or editor of the identity.
 * Each read and write is audited in its transaction; a refused read answers 404 as everywhere.
 */
import { eq } from 'drizzle-orm';
import { persons } from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';

export function getPalliativeCare(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'medical',
      auditAction: 'person.palliative_read',
      resourceType: 'person',
    });
    const [row] = await tx
      .select({ palliativeCare: persons.palliativeCare })
      .from(persons)
      .where(eq(persons.id, options.personId));
    if (!row) throw notFound('person');
    return { palliativeCare: row.palliativeCare };
  });
}

/** Sets (true/false) or clears (null: not recorded) the flag; the value stored is answered. */
export function setPalliativeCare(
  ctx: TContext,
  options: { personId: string; palliativeCare: boolean | null },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'write',
      category: 'medical',
      auditAction: 'person.palliative_update',
      resourceType: 'person',
      details: { palliativeCare: options.palliativeCare },
    });
    const [row] = await tx
      .update(persons)
      .set({ palliativeCare: options.palliativeCare, updatedAt: new Date() })
      .where(eq(persons.id, options.personId))
      .returning({ palliativeCare: persons.palliativeCare });
    if (!row) throw notFound('person');
    return { palliativeCare: row.palliativeCare };
  });
}
