import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { AccessDeniedError, noteGrantedAccess } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import { decideAccess, type TAccessDecision, type TAccessRequest } from './access.policy.js';
import { loadAccessFacts, loadAccessFactsOf, type TLoadedFacts } from './access.repository.js';

export type TPersonAccessRequest = TAccessRequest & {
  personId: string;
  /** Audit vocabulary: what is being done, e.g. 'person.read'. */
  auditAction: string;
  resourceType: string;
  resourceId?: string;
  details?: Record<string, unknown>;
  /** The reason given to open emergency access (action break_glass): audited, allowed or refused. */
  breakGlassReason?: string;
};

function auditEntryOf(
  ctx: TContext,
  request: TPersonAccessRequest,
  facts: TLoadedFacts | null,
  decision: TAccessDecision,
): TAuditEntry {
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: request.auditAction,
    resourceType: request.resourceType,
    resourceId: request.resourceId ?? request.personId,
    personId: facts ? request.personId : null,
    outcome: decision.allowed ? 'allowed' : 'denied',
    reason: decision.reason,
    breakGlass: decision.viaBreakGlass
      ? (facts?.breakGlassReason ?? null)
      : (request.breakGlassReason ?? null),
    requestId: ctx.requestId,
    details: { category: request.category, access: request.action, ...request.details },
  };
}

const noSuchPerson: TAccessDecision = {
  allowed: false,
  reason: 'no such person',
  viaBreakGlass: false,
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
  const decision = facts ? decideAccess(facts, request) : noSuchPerson;
  const entry = auditEntryOf(ctx, request, facts, decision);
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

/**
 * The same decision for each person of a list (one request, as for a case manager's caseload):
 * the facts are loaded together, every decision — granted or refused — is audited, and the
 * people refused are left out instead of failing the whole list.
 */
export async function filterPersonsAccess(
  ctx: TContext,
  tx: TDb,
  personIds: string[],
  request: Omit<TPersonAccessRequest, 'personId' | 'resourceId'>,
): Promise<Map<string, TAccessDecision>> {
  const facts = await loadAccessFactsOf(tx, ctx.actor, personIds);
  const granted = new Map<string, TAccessDecision>();
  for (const personId of personIds) {
    const known = facts.get(personId) ?? null;
    const decision = known ? decideAccess(known, request) : noSuchPerson;
    const entry = auditEntryOf(ctx, { ...request, personId }, known, decision);
    await appendAudit(tx, entry);
    if (decision.allowed) {
      noteGrantedAccess(tx, entry);
      granted.set(personId, decision);
    }
  }
  return granted;
}
