import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { translate } from '../../server/messages.js';
import { withTransaction } from '../../server/transaction.js';
import {
  filterSupportRequestsAccess,
  requireSupportRequestAccess,
} from '../access/support-request.guard.js';
import { requirePersonAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { queueMail } from '../mail/mail.service.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { findPathwayOf, insertPathway, setPathwayAssessor } from '../pathway/pathway.repository.js';
import { createPersonIn } from '../persons/persons-create.service.js';
import { findDuplicates } from '../persons/persons-duplicates.js';
import { findMemberStanding, insertCareTeamMember } from '../persons/persons.repository.js';
import { createReferralIn } from '../referrals/referrals.service.js';
import type { TReferralUrgency } from '../referrals/referrals.states.js';
import { answerMail, declineCopyToGpMail } from './requests.mail.js';
import {
  answerRequest,
  findAnsweredRequests,
  findAssessors,
  findGpAccountOf,
  findOpenRequests,
  findService,
  lockRequest,
  type TRequestRow,
} from './requests.repository.js';
import { detailOf } from './requests.service.js';
import type { TDuplicateCandidate } from './requests.schemas.js';
import { nextRequestState } from './requests.states.js';
import { dueAt, summaryOf } from './requests.views.js';

/**
 * The triage queue of the coordination team. open: requests waiting for their answer, the one due
 * first on top (a same-day request received this morning before a routine one of last week);
 * answered: the last 100 answers. Every request shown is a read, guarded and audited.
 */
export function listQueue(ctx: TContext, options: { view: 'open' | 'answered' }) {
  return withTransaction(ctx.db, async (tx) => {
    const now = new Date();
    const rows =
      options.view === 'open'
        ? (await findOpenRequests(tx)).sort((a, b) => dueAt(a).getTime() - dueAt(b).getTime())
        : await findAnsweredRequests(tx, 100);
    const granted = await filterSupportRequestsAccess(ctx, tx, rows, {
      action: 'triage',
      auditAction: 'request.list',
    });
    return { items: granted.map((row) => summaryOf(row, now)) };
  });
}

/** Who may be named to assess: members with an active account of a clinical or staff role. */
export async function listAssessors(ctx: TContext) {
  const rows = await findAssessors(ctx.db);
  return {
    items: rows.map((r) => ({
      memberId: r.memberId,
      firstName: r.firstName,
      lastName: r.lastName,
      profession: r.profession,
    })),
  };
}

/** A request's urgency as the referral it becomes asks it (decision 023). */
const REFERRAL_URGENCY_OF_REQUEST: Record<TRequestRow['urgency'], TReferralUrgency> = {
  same_day: 'within_24h',
  week: 'within_7d',
  routine: 'within_30d',
};

/** What the service is asked: the triage's note, else the difficulties the requester described. */
function referralReasonOf(row: TRequestRow, note: string | null): string {
  const described = [row.difficulties.join(', '), row.difficultiesNote].filter(Boolean).join(' — ');
  return [note, `Demande d’appui ${row.reference} : ${described}`].filter(Boolean).join('\n');
}

type TDecisionOptions =
  | {
      decision: 'accept';
      assessorMemberId: string;
      personId?: string | undefined;
      confirmNotDuplicate?: boolean | undefined;
    }
  | { decision: 'redirect'; serviceId: string; note?: string | undefined }
  | { decision: 'decline'; reason: string };

/**
 * One triage answer: the guard (coordination team, not a member the person objects to), the move
 * checked against the one transition table (an answered request → 409), the decision's own work,
 * then in the same transaction the answer, a pathway event, the audit row and the requester's mail
 * (and, for a decline the person agreed to share, a copy to their GP).
 *
 * Accepting a request about a new person runs the duplicate check of the persons module first:
 * with candidates, nothing changes but the check (committed with its audit) and the answer is a
 * 409 listing the candidates the coordinator may see — or only the "already followed" notice. The
 * coordinator then names one (`personId`: the guard decides whether they may attach it) or
 * confirms a new person (`confirmNotDuplicate`).
 */
export async function triageRequest(ctx: TContext, requestId: string, options: TDecisionOptions) {
  const outcome = await withTransaction(ctx.db, (tx) =>
    answerInTransaction(ctx, tx, requestId, options),
  );
  if ('duplicates' in outcome) {
    const { candidates, followedElsewhere } = outcome.duplicates;
    throw new AppError(
      'conflict',
      'identity.possible_duplicate',
      {},
      {
        fields: [{ field: 'confirmNotDuplicate', message: 'identity.possible_duplicate' }],
        candidates: candidates.map((row): TDuplicateCandidate => ({
          id: row.id,
          firstName: row.firstName,
          lastName: row.lastName,
          birthName: row.birthName,
          birthDate: row.birthDate,
          commune: row.commune,
          match: row.match,
        })),
        followedElsewhere,
        notice: followedElsewhere
          ? translate(ctx.actor.locale, 'identity.followed_elsewhere')
          : null,
      },
    );
  }
  return outcome.detail;
}

async function answerInTransaction(
  ctx: TContext,
  tx: TDb,
  requestId: string,
  options: TDecisionOptions,
): Promise<
  | { detail: Awaited<ReturnType<typeof detailOf>> }
  | { duplicates: Awaited<ReturnType<typeof findDuplicates>> }
> {
  const row = await lockRequest(tx, requestId);
  if (!row) throw notFound('support_request');
  await requireSupportRequestAccess(ctx, tx, row, {
    action: 'triage',
    auditAction: `request.${options.decision}`,
  });
  const next = nextRequestState(row.state, options.decision);
  if (!next) throw new AppError('conflict', 'request.already_answered');
  const now = new Date();
  let personId = row.personId;
  let answerNote: string | null = null;
  const mailFacts: { serviceName?: string; assessorName?: string } = {};
  const details: Record<string, unknown> = {
    reference: row.reference,
    from: row.state,
    to: next,
  };

  if (options.decision === 'accept') {
    const [assessor] = await findAssessors(tx, [options.assessorMemberId]);
    if (!assessor) throw fieldError('assessorMemberId', 'request.assessor_unknown');
    if (options.personId && personId && options.personId !== personId) {
      throw fieldError('personId', 'request.person_already_known');
    }
    if (!personId && options.personId) {
      // The coordinator names a followed person: attached only if the guard lets them read it.
      await requirePersonAccess(ctx, tx, {
        personId: options.personId,
        action: 'read',
        category: 'identity',
        auditAction: 'request.attach_person',
        resourceType: 'person',
        details: { supportRequestId: row.id },
      });
      personId = options.personId;
      details.attachedToExisting = true;
    }
    if (personId && (await findMemberStanding(tx, personId, assessor.memberId)).objected) {
      throw fieldError('assessorMemberId', 'request.assessor_objected');
    }
    if (!personId) {
      if (!options.confirmNotDuplicate && row.personBirthDate) {
        const found = await findDuplicates(ctx, tx, {
          birthName: row.personLastName,
          lastName: row.personLastName,
          firstName: row.personFirstName,
          birthDate: row.personBirthDate,
        });
        if (found.candidates.length > 0 || found.followedElsewhere) return { duplicates: found };
      }
      personId = await createPersonFromRequest(ctx, tx, row, options.confirmNotDuplicate ?? false);
    }
    await openPathway(ctx, tx, row, personId, assessor.memberId, now);
    mailFacts.assessorName = `${assessor.firstName} ${assessor.lastName}`;
    details.assessorMemberId = assessor.memberId;
    details.personId = personId;
  } else if (options.decision === 'redirect') {
    const service = await findService(tx, options.serviceId);
    if (!service) throw fieldError('serviceId', 'request.service_unknown');
    answerNote = options.note || null;
    // A closed-loop referral to that one service (decision 023): personless when the network does
    // not follow the person, the service then reads the request's naming of them.
    const referral = await createReferralIn(ctx, tx, {
      personId,
      supportRequestId: row.id,
      serviceId: service.id,
      note: answerNote,
      reason: referralReasonOf(row, answerNote),
      urgency: REFERRAL_URGENCY_OF_REQUEST[row.urgency],
      recipients: [{ serviceId: service.id }],
    });
    mailFacts.serviceName = service.name;
    details.serviceId = service.id;
    details.referralId = referral.id;
  } else {
    answerNote = options.reason;
  }

  const answered = await answerRequest(tx, row.id, {
    state: next,
    // the first answer is the one measured: a request is answered once (transition table)
    answeredAt: row.answeredAt ?? now,
    answeredByUserId: ctx.actor.userId,
    answerNote,
    ...(personId ? { personId } : {}),
  });
  if (next === 'declined' && personId && answered.consentShareWithGp) {
    const gp = await findGpAccountOf(tx, personId);
    // the GP who asked already has the answer
    if (gp && gp.email.toLowerCase() !== answered.requesterEmail?.toLowerCase()) {
      await queueMail(tx, { to: gp.email, ...declineCopyToGpMail(answered, gp) });
      details.copySentToGp = true;
    }
  }
  await recordPathwayEvent(tx, {
    personId,
    kind: `request.${next}` as 'request.accepted',
    actorUserId: ctx.actor.userId,
    category: 'administrative',
    source: { table: 'support_requests', id: row.id },
    data: { reference: row.reference, from: row.state, to: next },
    at: now,
  });
  await appendAudit(tx, {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: 'request.state_change',
    resourceType: 'support_request',
    resourceId: row.id,
    personId,
    outcome: 'success',
    reason: `${row.state} → ${next}`,
    requestId: ctx.requestId,
    details,
  });
  if (answered.requesterEmail) {
    await queueMail(tx, { to: answered.requesterEmail, ...answerMail(answered, mailFacts) });
  }
  return { detail: await detailOf(tx, answered, now) };
}

/**
 * A person new to the network, registered through the persons module (identity rules, the
 * creation audited by the guard) from the identity the request gave: the name given is the birth
 * name until the identity is checked (status provisoire). The accepting coordinator becomes the
 * case manager (createPersonIn). A request without a birth date could not be checked for
 * duplicates: the person is registered without one, to be completed on their record.
 */
async function createPersonFromRequest(
  ctx: TContext,
  tx: TDb,
  row: TRequestRow,
  confirmNotDuplicate: boolean,
): Promise<string> {
  const created = await createPersonIn(ctx, tx, {
    birthName: row.personLastName,
    firstName: row.personFirstName,
    // nullable in the table; the identity form requires it, a request may not have it
    birthDate: row.personBirthDate as string,
    commune: row.personCommune,
    communeInsee: row.personCommuneInsee,
    phone: row.personPhone,
    confirmNotDuplicate,
  });
  return created.id;
}

/**
 * Opens the person's pathway in 'assessing' (or names the new assessor on the one already open)
 * and puts the assessor in the care team, so the guard lets them in: the membership is audited
 * as a care-team change made by the accepting coordinator.
 */
async function openPathway(
  ctx: TContext,
  tx: TDb,
  row: TRequestRow,
  personId: string,
  assessorMemberId: string,
  now: Date,
): Promise<void> {
  const existing = await findPathwayOf(tx, personId);
  if (existing) await setPathwayAssessor(tx, existing.id, assessorMemberId);
  else {
    const pathway = await insertPathway(tx, {
      personId,
      assessorMemberId,
      supportRequestId: row.id,
      openedByUserId: ctx.actor.userId,
      openedAt: now,
    });
    await recordPathwayEvent(tx, {
      personId,
      kind: 'pathway.opened',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'pathways', id: pathway.id },
      data: { state: pathway.state, assessorMemberId },
      at: now,
    });
  }
  // A member already in the team keeps their place (and their access).
  if ((await findMemberStanding(tx, personId, assessorMemberId)).inTeam) return;
  await insertCareTeamMember(tx, {
    personId,
    memberId: assessorMemberId,
    roleTitle: 'Évaluation',
    medicalAccess: true,
  });
  await recordPathwayEvent(tx, {
    personId,
    kind: 'care_team.assessor_added',
    actorUserId: ctx.actor.userId,
    category: 'identity',
    source: { table: 'support_requests', id: row.id },
    data: { memberId: assessorMemberId },
    at: now,
  });
  await appendAudit(tx, {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: 'care_team.add',
    resourceType: 'care_team',
    resourceId: personId,
    personId,
    outcome: 'allowed',
    reason: `assessor named when accepting request ${row.reference}`,
    requestId: ctx.requestId,
    details: { memberId: assessorMemberId, supportRequestId: row.id, medicalAccess: true },
  });
}
