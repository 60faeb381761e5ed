import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { AccessDeniedError, noteGrantedAccess } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import {
  decideAccess,
  decideConversationAccess,
  type TAccessDecision,
  type TAccessRequest,
} from './access.policy.js';
import {
  loadAccessFacts,
  loadAccessFactsOf,
  type TLoadedFacts,
  type TWithFacts,
} from './access.repository.js';

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
  const loadFacts = async (): Promise<TWithFacts<null> | null> => {
    const facts = await loadAccessFacts(tx, ctx.actor, request.personId);
    return facts && { facts, data: null };
  };
  return (await requirePersonAccessWith(ctx, tx, request, loadFacts)).decision;
}

/**
 * The guard for a read whose data comes in the same statement as the facts (a person's page in
 * one round trip): `load` returns both, or null when the person does not exist. The data is
 * handed back only when the decision allows it; refused, it is dropped with the transaction.
 */
export async function requirePersonAccessWith<TData>(
  ctx: TContext,
  tx: TDb,
  request: TPersonAccessRequest,
  load: () => Promise<TWithFacts<TData> | null>,
  /** A decision other than the table's plain one for `request` (e.g. handling an alert). */
  decide: (facts: TLoadedFacts) => TAccessDecision = (facts) => decideAccess(facts, request),
): Promise<{ decision: TAccessDecision; data: TData; facts: TLoadedFacts }> {
  const loaded = await load();
  const facts = loaded?.facts ?? null;
  const decision = facts ? decide(facts) : noSuchPerson;
  const entry = auditEntryOf(ctx, request, facts, decision);
  if (!loaded || !decision.allowed) {
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
  return { decision, data: loaded.data, facts: loaded.facts };
}

/**
 * Whether the facts a granted read was decided on would also allow another request, to tell the
 * screens what else they may open; decided by the same table, neither read nor audited.
 */
export function wouldAllow(facts: TLoadedFacts, request: TAccessRequest): boolean {
  return decideAccess(facts, request).allowed;
}

/**
 * The same decision for each person of a list (one request, as for a case manager's caseload),
 * from rows read with their facts (one statement for the whole list): every decision — granted
 * or refused — is audited (auditPersonDecisions), and only the granted rows' data is handed back;
 * the people refused are left out instead of failing the whole list.
 */
export async function filterPersonsAccess<TData>(
  ctx: TContext,
  tx: TDb,
  rows: readonly (TWithFacts<TData> & { personId: string })[],
  request: Omit<TPersonAccessRequest, 'personId' | 'resourceId'>,
): Promise<{ decision: TAccessDecision; data: TData }[]> {
  const decided = rows.map((row) => ({
    personId: row.personId,
    facts: row.facts,
    decision: decideAccess(row.facts, request),
    data: row.data,
  }));
  await auditPersonDecisions(ctx, tx, decided, request);
  return decided.flatMap(({ decision, data }) => (decision.allowed ? [{ decision, data }] : []));
}

/**
 * filterPersonsAccess for rows found by a search (duplicate check, break-the-glass search): their
 * facts are loaded for all of them in one query first; a row whose person no longer exists is
 * dropped.
 */
export async function filterFoundPersonsAccess<TRow extends { id: string }>(
  ctx: TContext,
  tx: TDb,
  rows: readonly TRow[],
  request: Omit<TPersonAccessRequest, 'personId' | 'resourceId'>,
): Promise<{ decision: TAccessDecision; data: TRow }[]> {
  const facts = await loadAccessFactsOf(
    tx,
    ctx.actor,
    rows.map((row) => row.id),
  );
  return filterPersonsAccess(
    ctx,
    tx,
    rows.flatMap((row) => {
      const known = facts.get(row.id);
      return known ? [{ personId: row.id, facts: known, data: row }] : [];
    }),
    request,
  );
}

/**
 * The guard of a conversation about a person (decision 022): the actor must be a participant
 * AND pass decideConversationAccess on their facts now (leaving the care team ends access at
 * once). Every decision is audited with the person's id; a refusal answers 404 (also for a
 * write: a non-participant learns nothing of the conversation).
 */
export async function requireConversationAccess(
  ctx: TContext,
  tx: TDb,
  request: TPersonAccessRequest & { participant: boolean },
): Promise<TLoadedFacts> {
  const facts = await loadAccessFacts(tx, ctx.actor, request.personId);
  const decision: TAccessDecision = !facts
    ? noSuchPerson
    : !request.participant
      ? { allowed: false, reason: 'not a participant of the conversation', viaBreakGlass: false }
      : decideConversationAccess(facts);
  const entry = auditEntryOf(ctx, request, facts, decision);
  if (!facts || !decision.allowed) {
    throw new AccessDeniedError(entry, notFound(request.resourceType));
  }
  await appendAudit(tx, entry);
  noteGrantedAccess(tx, entry);
  return facts;
}

/**
 * Audits the decisions taken on rows read with their facts (a list: the caseload, the inbox's
 * person-linked conversations) without refusing anything: the caller leaves out the rows refused.
 * One decision is one row, as for a single read; two or more are ONE row (decision 056), each
 * person's decision in its `details.listed` (listEntryOf), found by the person's trail through an
 * index on the listed ids. Its outcome is `allowed` when it disclosed anyone.
 */
export async function auditPersonDecisions(
  ctx: TContext,
  tx: TDb,
  rows: readonly { personId: string; facts: TLoadedFacts; decision: TAccessDecision }[],
  request: Omit<TPersonAccessRequest, 'personId' | 'resourceId'>,
): Promise<void> {
  if (rows.length === 0) return;
  const entry =
    rows.length === 1
      ? auditEntryOf(
          ctx,
          { ...request, personId: rows[0]!.personId },
          rows[0]!.facts,
          rows[0]!.decision,
        )
      : listEntryOf(ctx, request, rows);
  await appendAudit(tx, entry);
  if (rows.some((row) => row.decision.allowed)) noteGrantedAccess(tx, entry);
}

/** One person's decision in a list row (decision 056); breakGlass only when emergency access. */
export type TListedDecision = {
  personId: string;
  outcome: 'allowed' | 'denied';
  reason: string;
  breakGlass?: string;
};

/**
 * The audit row of a list read (decision 056): who read which list, each person's decision in
 * `details.listed` in the list's order — what auditEntryOf would have written in a row of its
 * own (outcome, reason, emergency access) — and the request's common details.
 */
function listEntryOf(
  ctx: TContext,
  request: Omit<TPersonAccessRequest, 'personId' | 'resourceId'>,
  rows: readonly { personId: string; facts: TLoadedFacts; decision: TAccessDecision }[],
): TAuditEntry {
  const listed = rows.map(({ personId, facts, decision }): TListedDecision => {
    const breakGlass = decision.viaBreakGlass ? facts.breakGlassReason : request.breakGlassReason;
    return {
      personId: personId.toLowerCase(),
      outcome: decision.allowed ? 'allowed' : 'denied',
      reason: decision.reason,
      ...(breakGlass ? { breakGlass } : {}),
    };
  });
  return {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: request.auditAction,
    resourceType: request.resourceType,
    resourceId: null,
    personId: null,
    outcome: listed.some((item) => item.outcome === 'allowed') ? 'allowed' : 'denied',
    reason: null,
    breakGlass: null,
    requestId: ctx.requestId,
    details: { category: request.category, access: request.action, ...request.details, listed },
  };
}
