import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { AccessDeniedError, noteGrantedAccess } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import { decideAccess, type TAccessDecision, type TAccessRequest } from './access.policy.js';
import { loadAccessFacts } from './access.repository.js';

export type TPersonAccessRequest = TAccessRequest & {
  personId: string;
  /** Audit vocabulary: what is being done, e.g. 'person.read'. */
  auditAction: string;
  resourceType: string;
  resourceId?: string;
  details?: Record<string, unknown>;
};

/**
 * The guard: decides whether ctx.actor may do this on this person's data, and audits the decision.
 * Allowed → audit row in tx (commits with the change). Refused → AccessDeniedError, which
 * withTransaction audits after the rollback and answers 404, like a missing record.
 */
export async function requirePersonAccess(
  ctx: TContext,
  tx: TDb,
  request: TPersonAccessRequest,
): Promise<TAccessDecision> {
  const facts = await loadAccessFacts(tx, ctx.actor, request.personId);
  const decision = facts
    ? decideAccess(facts, request)
    : { allowed: false, reason: 'no such person', viaBreakGlass: false };
  const entry: TAuditEntry = {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: request.auditAction,
    resourceType: request.resourceType,
    resourceId: request.resourceId ?? request.personId,
    personId: facts ? request.personId : null,
    outcome: decision.allowed ? 'allowed' : 'denied',
    reason: decision.reason,
    breakGlass: decision.viaBreakGlass ? (facts?.breakGlassReason ?? null) : null,
    requestId: ctx.requestId,
    details: { category: request.category, access: request.action, ...request.details },
  };
  if (!decision.allowed) {
    // A refused read answers 404 so nobody can probe which records exist; a refused change on a
    // record the actor may read answers 403, which tells them something useful and reveals nothing.
    const canSee =
      facts !== null && decideAccess(facts, { action: 'read', category: 'identity' }).allowed;
    const answer =
      canSee && request.action !== 'read'
        ? new AppError('forbidden', 'record.forbidden')
        : notFound(request.resourceType);
    throw new AccessDeniedError(entry, answer);
  }
  await appendAudit(tx, entry);
  noteGrantedAccess(tx, entry);
  return decision;
}
