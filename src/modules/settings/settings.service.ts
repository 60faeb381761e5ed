import type { TContext, TRole } from '../../server/context.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { setMfaRequiredRoles } from './settings.repository.js';

/** Sets which roles must use a second factor; users of those roles must enrol at next request. */
export async function updateMfaRequiredRoles(ctx: TContext, roles: TRole[]): Promise<TRole[]> {
  const unique = [...new Set(roles)];
  await withTransaction(ctx.db, async (tx) => {
    await setMfaRequiredRoles(tx, unique);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'settings.update',
      resourceType: 'network_settings',
      resourceId: 'mfa_required_roles',
      outcome: 'success',
      requestId: ctx.requestId,
      details: { mfaRequiredRoles: unique },
    });
  });
  return unique;
}
