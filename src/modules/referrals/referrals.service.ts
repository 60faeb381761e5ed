/**
 * Closed-loop referrals (adressage, decision 023): sent to one or several services or members,
 * the first acceptance wins, every step timed, on the person's timeline, through the guard.
 */
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { AccessDeniedError, noteGrantedAccess, withTransaction } from '../../server/transaction.js';
import {
  decideAccess,
  decideReferralAccess,
  type TReferralAction,
  type TReferralDecision,
} from '../access/access.policy.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccess } from '../access/access.service.js';
import { checkUploads, insertAttachments, type TUpload } from '../attachments/attachments.js';
import { appendAudit, type TAuditEntry } from '../audit/audit.repository.js';
import { insertNotification } from '../notifications/notifications.repository.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { findMemberStanding } from '../persons/persons.repository.js';
import { joinCareTeamIn } from '../persons/persons.service.js';
import {
  findAnsweringAccounts,
  findExistingTargets,
  findInboxReferralIds,
  findRecipientsAnsweredBy,
  findRecipientsOf,
  findReferral,
  findReferralAttachment,
  findReferralAttachments,
  findReferralsByIds,
  findReferralsOfPerson,
  findSubjectsOf,
  findUsualProviders,
  insertRecipients,
  insertReferralRow,
  lockReferral,
  updateRecipient,
  updateReferral,
  type TRecipientRow,
  type TRecipientWithName,
  type TReferralRow,
} from './referrals.repository.js';
import type { TReferralView } from './referrals.schemas.js';
import {
  checkReferralMove,
  REFERRAL_DELAYS_MS,
  REFERRAL_MOVE_LABELS,
  REFERRAL_STATE_LABELS,
  recipientMoves,
  type TReferralMove,
  type TReferralUrgency,
} from './referrals.states.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const inboxLink = (id: string) => `/adressages/${id}`;

/** Age in whole years on `now`'s day, from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string | null, now: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const today = now.toISOString().slice(0, 10);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// The guard of one referral (decideReferralAccess), audited like every decision.

async function referralFacts(ctx: TContext, tx: TDb, referral: TReferralRow) {
  const personFacts = referral.personId
    ? await loadAccessFacts(tx, ctx.actor, referral.personId)
    : null;
  const mine = await findRecipientsAnsweredBy(tx, ctx.actor.memberId, [referral.id]);
  const read =
    personFacts && decideAccess(personFacts, { action: 'read', category: 'administrative' });
  return {
    mine,
    // a read opened only by an emergency access is flagged with its reason, as the guard does
    breakGlass: read && read.viaBreakGlass ? personFacts.breakGlassReason : null,
    facts: {
      role: ctx.actor.role,
      personless: referral.personId === null,
      personRead: read ? read.allowed : false,
      personWrite:
        personFacts !== null &&
        decideAccess(personFacts, { action: 'write', category: 'administrative' }).allowed,
      isRequester: referral.createdByUserId === ctx.actor.userId,
      isRecipient: mine.length > 0,
      objected: personFacts?.objected ?? false,
    },
  };
}

/**
 * Decides, audits in tx when allowed; refused → AccessDeniedError (audited after the rollback):
 * 404 when the user may not even read the referral, 403 when they read it but may not do this.
 */
async function requireReferralAccess(
  ctx: TContext,
  tx: TDb,
  referral: TReferralRow,
  action: TReferralAction,
  auditAction: string,
  details: Record<string, unknown> = {},
): Promise<{ decision: TReferralDecision; mine: TRecipientRow[]; canFollow: boolean }> {
  const { facts, mine, breakGlass } = await referralFacts(ctx, tx, referral);
  const decision = decideReferralAccess(facts, action);
  const entry: TAuditEntry = {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: auditAction,
    resourceType: 'referral',
    resourceId: referral.id,
    personId: referral.personId,
    outcome: decision.allowed ? 'allowed' : 'denied',
    reason: decision.reason,
    breakGlass: decision.allowed && !facts.isRecipient ? breakGlass : null,
    requestId: ctx.requestId,
    details: { access: action, view: decision.view, ...details },
  };
  if (!decision.allowed) {
    // the person (or the referral) visible: a refused change says so (403), else 404 (decision 004)
    const canRead = facts.personRead || decideReferralAccess(facts, 'read').allowed;
    throw new AccessDeniedError(
      entry,
      canRead && action !== 'read'
        ? new AppError('forbidden', 'record.forbidden')
        : notFound('referral'),
    );
  }
  await appendAudit(tx, entry);
  noteGrantedAccess(tx, entry);
  return { decision, mine, canFollow: decideReferralAccess(facts, 'follow').allowed };
}

/** The 409 of a move the table refuses, in plain words. */
function illegalMove(ctx: TContext, move: TReferralMove, problem: { kind: string; state: string }) {
  const labels = REFERRAL_STATE_LABELS[ctx.actor.locale];
  return new AppError(
    'conflict',
    problem.kind === 'referral' ? 'referrals.illegal_referral' : 'referrals.illegal_recipient',
    {
      move: REFERRAL_MOVE_LABELS[ctx.actor.locale][move],
      state: labels[problem.state as keyof typeof labels],
    },
    { move, state: problem.state },
  );
}

// ---------------------------------------------------------------------------------------------
// Views.

function recipientName(r: TRecipientWithName): string {
  if (r.row.serviceId) {
    const service = r.serviceName ?? '';
    const organisation = r.organisationName ?? '';
    // many services already carry their structure's name
    return service.includes(organisation) ? service : `${service} — ${organisation}`;
  }
  return `${r.memberFirstName ?? ''} ${r.memberLastName ?? ''}`.trim();
}

async function viewsOf(
  tx: TDb,
  rows: readonly TReferralRow[],
  now: Date,
  access: (row: TReferralRow) => {
    view: 'full' | 'addressed';
    mine: readonly string[];
    canFollow: boolean;
  },
): Promise<TReferralView[]> {
  const recipients = await findRecipientsOf(
    tx,
    rows.map((r) => r.id),
  );
  const subjects = await findSubjectsOf(tx, rows);
  const files = await findReferralAttachments(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const { view, mine, canFollow } = access(row);
    const subject = subjects.get(row.id);
    const due = new Date(row.createdAt.getTime() + REFERRAL_DELAYS_MS[row.urgency]);
    return {
      id: row.id,
      personId: row.personId,
      supportRequestId: row.supportRequestId,
      view,
      subject: subject
        ? {
            firstName: subject.firstName,
            lastName: subject.lastName,
            commune: subject.commune,
            age: ageOn(subject.birthDate, now),
          }
        : null,
      reason: row.reason,
      urgency: row.urgency,
      documents: row.documents,
      // the recipients decide on what was sent, files included
      attachments: (files.get(row.id) ?? []).map(({ ownerId: _, ...file }) => file),
      state: row.state,
      sentAt: row.createdAt.toISOString(),
      dueAt: due.toISOString(),
      overdue: row.state === 'sent' && now > due,
      filledAt: iso(row.filledAt),
      closedAt: iso(row.closedAt),
      // what came of it is the care team's; a recipient sees the referral they decide on
      outcome: view === 'full' ? row.outcome : null,
      canFollow,
      recipients: recipients
        .filter((r) => r.row.referralId === row.id)
        // a recipient deciding sees their own line; the care team sees every recipient
        .filter((r) => view === 'full' || mine.includes(r.row.id))
        .map((r) => ({
          id: r.row.id,
          serviceId: r.row.serviceId,
          memberId: r.row.memberId,
          name: recipientName(r),
          state: r.row.state,
          firstDate: r.row.firstDate,
          declineReason: r.row.declineReason,
          infoQuestion: r.row.infoQuestion,
          infoAnswer: r.row.infoAnswer,
          infoRequestedAt: iso(r.row.infoRequestedAt),
          infoAnsweredAt: iso(r.row.infoAnsweredAt),
          answeredAt: iso(r.row.answeredAt),
          filledAt: iso(r.row.filledAt),
          mine: mine.includes(r.row.id),
          moves: mine.includes(r.row.id) ? recipientMoves(row.state, r.row.state) : [],
        })),
    };
  });
}

async function oneView(ctx: TContext, tx: TDb, referralId: string, auditAction: string) {
  const referral = await findReferral(tx, referralId);
  if (!referral) throw notFound('referral');
  const { decision, mine, canFollow } = await requireReferralAccess(
    ctx,
    tx,
    referral,
    'read',
    auditAction,
  );
  const [view] = await viewsOf(tx, [referral], new Date(), () => ({
    view: decision.view ?? 'addressed',
    mine: mine.map((m) => m.id),
    canFollow,
  }));
  return view!;
}

/** One referral: all of it for the care team, what a recipient needs to decide for a recipient. */
export function getReferral(ctx: TContext, options: { referralId: string }) {
  return withTransaction(ctx.db, (tx) => oneView(ctx, tx, options.referralId, 'referral.read'));
}

/** A person's referrals and their steps, for those who may read the person's administrative data. */
export function listPersonReferrals(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const decision = await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'administrative',
      auditAction: 'referral.list',
      resourceType: 'referral',
    });
    const facts = await loadAccessFacts(tx, ctx.actor, options.personId);
    const canFollow =
      facts !== null &&
      decision.allowed &&
      decideAccess(facts, { action: 'write', category: 'administrative' }).allowed;
    const rows = await findReferralsOfPerson(tx, options.personId);
    const mine = await findRecipientsAnsweredBy(
      tx,
      ctx.actor.memberId,
      rows.map((r) => r.id),
    );
    return {
      items: await viewsOf(tx, rows, new Date(), () => ({
        view: 'full',
        mine: mine.map((m) => m.id),
        canFollow,
      })),
    };
  });
}

/**
 * The referral inbox of a member answering for services (their organisations') or themselves:
 * each referral is a read through the guard, audited; those refused (an objection) are left out.
 */
export function listInbox(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => {
    if (!ctx.actor.memberId) return { items: [] };
    const rows = await findReferralsByIds(tx, await findInboxReferralIds(tx, ctx.actor.memberId));
    const granted = new Map<
      string,
      { view: 'full' | 'addressed'; mine: string[]; canFollow: boolean }
    >();
    for (const row of rows) {
      const { facts, mine } = await referralFacts(ctx, tx, row);
      const decision = decideReferralAccess(facts, 'read');
      await appendAudit(tx, {
        actorUserId: ctx.actor.userId,
        actorRole: ctx.actor.role,
        action: 'referral.inbox',
        resourceType: 'referral',
        resourceId: row.id,
        personId: row.personId,
        outcome: decision.allowed ? 'allowed' : 'denied',
        reason: decision.reason,
        requestId: ctx.requestId,
        details: { access: 'read', view: decision.view },
      });
      if (decision.allowed) {
        granted.set(row.id, {
          view: decision.view ?? 'addressed',
          mine: mine.map((m) => m.id),
          canFollow: decideReferralAccess(facts, 'follow').allowed,
        });
      }
    }
    const visible = rows.filter((row) => granted.has(row.id));
    return { items: await viewsOf(tx, visible, new Date(), (row) => granted.get(row.id)!) };
  });
}

/** The person's usual providers (care team and their structures' services), offered first. */
export function listUsualProviders(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'administrative',
      auditAction: 'referral.usual_providers',
      resourceType: 'referral',
    });
    return findUsualProviders(tx, options.personId);
  });
}

// ---------------------------------------------------------------------------------------------
// Sending.

type TTarget = { serviceId: string } | { memberId: string };

/** The recipients' accounts are told a referral is addressed to them. */
async function tellRecipients(
  tx: TDb,
  referralId: string,
  recipients: readonly TRecipientRow[],
  kind: 'referral.received' | 'referral.filled' | 'referral.answered',
  except: string | null = null,
) {
  const told = new Set<string>();
  for (const recipient of recipients) {
    for (const account of await findAnsweringAccounts(tx, recipient)) {
      if (account.id === except || told.has(account.id)) continue;
      told.add(account.id);
      await insertNotification(tx, {
        userId: account.id,
        kind,
        personId: null,
        link: inboxLink(referralId),
      });
    }
  }
}

/**
 * Writes a referral and its recipients in the caller's transaction, once its guard allowed it:
 * the recipients' accounts are told, the person's timeline shows it. Shared by a member's referral
 * and the triage's redirection.
 */
export async function createReferralIn(
  ctx: TContext,
  tx: TDb,
  values: {
    personId: string | null;
    supportRequestId?: string | null;
    serviceId?: string | null;
    note?: string | null;
    reason: string;
    urgency: TReferralUrgency;
    documents?: string | null | undefined;
    recipients: readonly TTarget[];
  },
): Promise<TReferralRow> {
  const unique = new Map<string, TTarget>();
  for (const target of values.recipients) {
    unique.set('serviceId' in target ? `s:${target.serviceId}` : `m:${target.memberId}`, target);
  }
  const targets = [...unique.values()];
  const serviceIds = targets.flatMap((t) => ('serviceId' in t ? [t.serviceId] : []));
  const memberIds = targets.flatMap((t) => ('memberId' in t ? [t.memberId] : []));
  const found = await findExistingTargets(tx, serviceIds, memberIds);
  if (
    serviceIds.some((id) => !found.services.has(id)) ||
    memberIds.some((id) => !found.members.has(id))
  ) {
    throw fieldError('recipients', 'referrals.recipient_unknown');
  }
  if (values.personId && ctx.actor.memberId && memberIds.includes(ctx.actor.memberId)) {
    throw fieldError('recipients', 'referrals.recipient_self');
  }
  const now = new Date();
  const referral = await insertReferralRow(tx, {
    personId: values.personId,
    supportRequestId: values.supportRequestId ?? null,
    serviceId: values.serviceId ?? null,
    note: values.note ?? null,
    reason: values.reason,
    urgency: values.urgency,
    documents: values.documents?.trim() || null,
    createdAt: now,
    createdByUserId: ctx.actor.userId,
  });
  const recipients = await insertRecipients(tx, referral.id, targets);
  await tellRecipients(tx, referral.id, recipients, 'referral.received', ctx.actor.userId);
  await recordPathwayEvent(tx, {
    personId: values.personId,
    kind: 'referral.sent',
    actorUserId: ctx.actor.userId,
    category: 'administrative',
    source: { table: 'referrals', id: referral.id },
    data: { urgency: values.urgency, recipients: recipients.length },
    at: now,
  });
  return referral;
}

/** A member refers the person to one or several services or members at once. */
export function sendReferral(
  ctx: TContext,
  options: {
    personId: string;
    reason: string;
    urgency: TReferralUrgency;
    documents?: string | undefined;
    attachments?: TUpload[] | undefined;
    recipients: TTarget[];
  },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'write',
      category: 'administrative',
      auditAction: 'referral.send',
      resourceType: 'referral',
      details: { recipients: options.recipients.length, urgency: options.urgency },
    });
    const referral = await createReferralIn(ctx, tx, options);
    // Every file is checked before any is kept (decision 021): one bad file refuses the referral.
    await insertAttachments(
      tx,
      { personId: options.personId, table: 'referrals', id: referral.id, userId: ctx.actor.userId },
      await checkUploads(options.attachments ?? []),
    );
    return oneView(ctx, tx, referral.id, 'referral.read');
  });
}

/** A file sent with a referral, for whoever may read the referral (audited either way). */
export function getReferralAttachment(
  ctx: TContext,
  options: { referralId: string; attachmentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const referral = await findReferral(tx, options.referralId);
    if (!referral) throw notFound('referral');
    await requireReferralAccess(ctx, tx, referral, 'read', 'referral.attachment_download');
    const file = await findReferralAttachment(tx, referral.id, options.attachmentId);
    if (!file) throw notFound('attachment');
    return file;
  });
}

// ---------------------------------------------------------------------------------------------
// A recipient's answer, and the requester's follow-up.

export type TAnswer =
  | { decision: 'accept'; firstDate: string }
  | { decision: 'decline'; reason: string }
  | { decision: 'request_info'; question: string };

async function tellRequester(tx: TDb, referral: TReferralRow) {
  if (!referral.createdByUserId) return;
  await insertNotification(tx, {
    userId: referral.createdByUserId,
    kind: 'referral.answered',
    personId: referral.personId,
    link: referral.personId ? inboxLink(referral.id) : inboxLink(referral.id),
  });
}

/**
 * A recipient accepts (with a first date), declines (with a reason) or asks for information. The
 * referral is locked first, so of two acceptances at once the second finds it filled: 409. The
 * first acceptance fills the referral, tells the other recipients it is filled, and puts the
 * accepting member in the person's care team (access at once; told as any join).
 */
export function answerReferral(
  ctx: TContext,
  options: { referralId: string; recipientId: string } & TAnswer,
) {
  return withTransaction(ctx.db, async (tx) => {
    const referral = await lockReferral(tx, options.referralId);
    if (!referral) throw notFound('referral');
    const { mine } = await requireReferralAccess(
      ctx,
      tx,
      referral,
      'answer',
      `referral.${options.decision}`,
      { recipientId: options.recipientId },
    );
    const recipient = mine.find((r) => r.id === options.recipientId);
    if (!recipient) throw new AppError('forbidden', 'record.forbidden');
    const problem = checkReferralMove(options.decision, referral.state, recipient.state);
    if (problem) throw illegalMove(ctx, options.decision, problem);
    const now = new Date();
    const answered = {
      answeredAt: now,
      answeredByUserId: ctx.actor.userId,
      answeredByMemberId: ctx.actor.memberId,
    };

    if (options.decision === 'accept') {
      const today = now.toISOString().slice(0, 10);
      if (options.firstDate < today) throw fieldError('firstDate', 'referrals.first_date_past');
      await updateReferral(tx, referral.id, { state: 'filled', filledAt: now });
      await updateRecipient(tx, recipient.id, {
        state: 'accepted',
        firstDate: options.firstDate,
        ...answered,
      });
      const others = (await findRecipientsOf(tx, [referral.id]))
        .map((r) => r.row)
        .filter(
          (r) =>
            r.id !== recipient.id && checkReferralMove('fill_other', 'filled', r.state) === null,
        );
      for (const other of others) {
        await updateRecipient(tx, other.id, { state: 'filled_by_other', filledAt: now });
      }
      await tellRecipients(tx, referral.id, others, 'referral.filled', ctx.actor.userId);
      if (referral.personId && ctx.actor.memberId) {
        const standing = await findMemberStanding(tx, referral.personId, ctx.actor.memberId);
        if (!standing.inTeam) {
          await joinCareTeamIn(ctx, tx, {
            personId: referral.personId,
            memberId: ctx.actor.memberId,
            roleTitle: 'Adressage accepté',
            medicalAccess: false,
          });
        }
      }
    } else if (options.decision === 'decline') {
      await updateRecipient(tx, recipient.id, {
        state: 'declined',
        declineReason: options.reason,
        ...answered,
      });
    } else {
      await updateRecipient(tx, recipient.id, {
        state: 'info_requested',
        infoQuestion: options.question,
        infoAnswer: null,
        infoRequestedAt: now,
        infoAnsweredAt: null,
      });
    }
    await tellRequester(tx, referral);
    if (options.decision !== 'request_info') {
      await recordPathwayEvent(tx, {
        personId: referral.personId,
        kind: options.decision === 'accept' ? 'referral.accepted' : 'referral.declined',
        actorUserId: ctx.actor.userId,
        category: 'administrative',
        source: { table: 'referral_recipients', id: recipient.id },
        data: {
          referralId: referral.id,
          serviceId: recipient.serviceId,
          memberId: recipient.memberId,
          firstDate: options.decision === 'accept' ? options.firstDate : null,
        },
        at: now,
      });
    }
    return oneView(ctx, tx, referral.id, 'referral.read');
  });
}

/** The requester answers a recipient's question: the recipient decides again (pending). */
export function answerInfoRequest(
  ctx: TContext,
  options: { referralId: string; recipientId: string; answer: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const referral = await lockReferral(tx, options.referralId);
    if (!referral) throw notFound('referral');
    await requireReferralAccess(ctx, tx, referral, 'follow', 'referral.answer_info', {
      recipientId: options.recipientId,
    });
    const recipient = (await findRecipientsOf(tx, [referral.id]))
      .map((r) => r.row)
      .find((r) => r.id === options.recipientId);
    if (!recipient) throw notFound('referral_recipient');
    const problem = checkReferralMove('answer_info', referral.state, recipient.state);
    if (problem) throw illegalMove(ctx, 'answer_info', problem);
    await updateRecipient(tx, recipient.id, {
      state: 'pending',
      infoAnswer: options.answer,
      infoAnsweredAt: new Date(),
    });
    await tellRecipients(tx, referral.id, [recipient], 'referral.answered', ctx.actor.userId);
    return oneView(ctx, tx, referral.id, 'referral.read');
  });
}

/** The requester closes the loop: completed with an outcome, or cancelled with a reason. */
export function closeReferral(
  ctx: TContext,
  options: { referralId: string; move: 'complete' | 'cancel'; outcome: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const referral = await lockReferral(tx, options.referralId);
    if (!referral) throw notFound('referral');
    await requireReferralAccess(ctx, tx, referral, 'follow', `referral.${options.move}`);
    const problem = checkReferralMove(options.move, referral.state);
    if (problem) throw illegalMove(ctx, options.move, problem);
    const now = new Date();
    await updateReferral(tx, referral.id, {
      state: options.move === 'complete' ? 'completed' : 'cancelled',
      closedAt: now,
      closedByUserId: ctx.actor.userId,
      outcome: options.outcome,
    });
    const recipients = (await findRecipientsOf(tx, [referral.id])).map((r) => r.row);
    if (options.move === 'cancel') {
      // those still deciding are told it no longer needs them
      const deciding = recipients.filter(
        (r) => r.state === 'pending' || r.state === 'info_requested',
      );
      await tellRecipients(tx, referral.id, deciding, 'referral.filled', ctx.actor.userId);
    } else {
      await recordPathwayEvent(tx, {
        personId: referral.personId,
        kind: 'referral.completed',
        actorUserId: ctx.actor.userId,
        category: 'administrative',
        source: { table: 'referrals', id: referral.id },
        data: { referralId: referral.id },
        at: now,
      });
    }
    return oneView(ctx, tx, referral.id, 'referral.read');
  });
}
