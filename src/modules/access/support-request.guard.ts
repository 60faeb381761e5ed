import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { AccessDeniedError, noteGrantedAccess } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import {
  decideSupportRequestAccess,
  type TAccessDecision,
  type TSupportRequestAction,
} from './access.policy.js';
import { loadAccessFactsOf } from './access.repository.js';

/** What the guard needs to know of a request for support. */
export type TGuardedRequest = {
  id: string;
  personId: string | null;
  requesterUserId: string | null;
};

function entryOf(
  ctx: TContext,
  request: TGuardedRequest,
  action: TSupportRequestAction,
  auditAction: string,
  decision: TAccessDecision,
  details?: Record<string, unknown>,
): TAuditEntry {
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: auditAction,
    resourceType: 'support_request',
    resourceId: request.id,
    personId: request.personId,
    outcome: decision.allowed ? 'allowed' : 'denied',
    reason: decision.reason,
    requestId: ctx.requestId,
    details: { access: action, ...details },
  };
}

/** The decisions for several requests at once; the person facts are loaded together. */
async function decideAll(
  ctx: TContext,
  tx: TDb,
  requests: TGuardedRequest[],
  action: TSupportRequestAction,
): Promise<TAccessDecision[]> {
  const personIds = requests.flatMap((r) => (r.personId ? [r.personId] : []));
  const facts = await loadAccessFactsOf(tx, ctx.actor, personIds);
  return requests.map((request) =>
    decideSupportRequestAccess(
      {
        role: ctx.actor.role,
        isRequester: request.requesterUserId === ctx.actor.userId,
        objected: request.personId ? (facts.get(request.personId)?.objected ?? false) : false,
      },
      action,
    ),
  );
}

/**
 * The guard of a request for support (decideSupportRequestAccess): decides, audits in tx when
 * allowed; refused → AccessDeniedError, audited after the rollback, answered 404 like a missing
 * request (the requester of another request learns nothing; decision 004).
 */
export async function requireSupportRequestAccess(
  ctx: TContext,
  tx: TDb,
  request: TGuardedRequest,
  options: {
    action: TSupportRequestAction;
    auditAction: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const [decision] = await decideAll(ctx, tx, [request], options.action);
  const entry = entryOf(
    ctx,
    request,
    options.action,
    options.auditAction,
    decision!,
    options.details,
  );
  if (!decision!.allowed) throw new AccessDeniedError(entry, notFound('support_request'));
  await appendAudit(tx, entry);
  noteGrantedAccess(tx, entry);
}

/** The same for a list: every decision audited, the refused requests left out. */
export async function filterSupportRequestsAccess<T extends TGuardedRequest>(
  ctx: TContext,
  tx: TDb,
  requests: T[],
  options: { action: TSupportRequestAction; auditAction: string },
): Promise<T[]> {
  const decisions = await decideAll(ctx, tx, requests, options.action);
  const granted: T[] = [];
  for (const [index, request] of requests.entries()) {
    const decision = decisions[index]!;
    const entry = entryOf(ctx, request, options.action, options.auditAction, decision);
    await appendAudit(tx, entry);
    if (decision.allowed) {
      noteGrantedAccess(tx, entry);
      granted.push(request);
    }
  }
  return granted;
}

/**
 * Filing about a person new to the network (decideSupportRequestAccess, file_new), audited like
 * every decision; refused → 403: the refusal depends on the user's role only and reveals nothing.
 * `requestId` is the id the request will have.
 */
export async function requireFilingNewPerson(
  ctx: TContext,
  tx: TDb,
  requestId: string,
): Promise<void> {
  const decision = decideSupportRequestAccess(
    { role: ctx.actor.role, isRequester: true, objected: false },
    'file_new',
  );
  const request = { id: requestId, personId: null, requesterUserId: ctx.actor.userId };
  const entry = entryOf(ctx, request, 'file_new', 'request.file', decision);
  if (!decision.allowed) {
    throw new AccessDeniedError(entry, new AppError('forbidden', 'request.file_new_refused'));
  }
  await appendAudit(tx, entry);
  noteGrantedAccess(tx, entry);
}
