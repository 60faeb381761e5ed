import { randomUUID } from 'node:crypto';
import type { TAnonymousContext, TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import type { TLocale } from '../../server/messages.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import {
  requireFilingNewPerson,
  requireSupportRequestAccess,
} from '../access/support-request.guard.js';
import { takeThrottleSlot } from '../accounts/throttle.repository.js';
import { appendAudit } from '../audit/audit.repository.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { canonicalCommune } from '../communes/communes.rules.js';
import { findPerson } from '../persons/persons.repository.js';
import { issueChallenge, verifyChallenge } from './human-check.js';
import {
  findPathwayOfRequest,
  findReferralOf,
  findRequest,
  findRequestsOf,
  insertRequest,
  isChallengeUsed,
  type TRequestRow,
} from './requests.repository.js';
import type { TFileRequest, TPublicRequest } from './requests.schemas.js';
import { mineOf, summaryOf } from './requests.views.js';

/** Public-form requests accepted from one network address in a window (decision 012). */
export const PUBLIC_MAX_PER_ADDRESS = 5;
export const PUBLIC_WINDOW_MS = 60 * 60 * 1000;

type TSituation = Pick<TFileRequest, 'consent' | 'difficulties' | 'difficultiesNote'>;

/** The rules every request meets before anything is stored: consent, and a reason to ask. */
function assertSituation(body: TSituation): NonNullable<TSituation['consent']> {
  if (!body.consent) throw fieldError('consent', 'request.consent_required');
  if (body.difficulties.length === 0 && !body.difficultiesNote) {
    throw fieldError('difficulties', 'request.difficulty_required');
  }
  return body.consent;
}

/** The person's commune as stored: the reference's name, and the code when it is known. */
function requestCommune(person: {
  commune?: string | undefined;
  communeInsee?: string | undefined;
}) {
  const { commune, communeInsee } = canonicalCommune(person);
  return { personCommune: commune, personCommuneInsee: communeInsee };
}

/** The columns every request shares, from what the requester described. */
function situationColumns(body: TFileRequest | TPublicRequest) {
  const consent = assertSituation(body);
  return {
    difficulties: [...new Set(body.difficulties)],
    difficultiesNote: body.difficultiesNote || null,
    urgency: body.urgency,
    alreadyInPlace: body.alreadyInPlace || null,
    consentHow: consent.how,
    consentAt: consent.obtainedOn,
    consentShareWithGp: consent.shareWithGp,
  };
}

/**
 * A request for support from a logged-in user: about a followed person they may read (the guard
 * decides and audits it), or about a new person (network members only). The person is kept as the
 * requester named them, so their own list never needs the person's record.
 */
export function fileRequest(ctx: TContext, body: TFileRequest) {
  if (body.personId && body.newPerson) throw fieldError('personId', 'request.person_both');
  if (!body.personId && !body.newPerson) throw fieldError('personId', 'request.person_required');
  const situation = situationColumns(body);
  const id = randomUUID();
  return withTransaction(ctx.db, async (tx) => {
    let person: {
      personId: string | null;
      personFirstName: string;
      personLastName: string;
      personBirthDate: string | null;
      personCommune: string | null;
      personCommuneInsee: string | null;
      personPhone: string | null;
    };
    if (body.personId) {
      await requirePersonAccess(ctx, tx, {
        personId: body.personId,
        action: 'read',
        category: 'identity',
        auditAction: 'request.file',
        resourceType: 'support_request',
        resourceId: id,
      });
      const found = (await findPerson(tx, body.personId))!;
      person = {
        personId: found.id,
        personFirstName: found.firstName,
        personLastName: found.lastName,
        personBirthDate: found.birthDate,
        personCommune: found.commune,
        personCommuneInsee: found.communeInsee,
        personPhone: null,
      };
    } else {
      await requireFilingNewPerson(ctx, tx, id);
      const named = body.newPerson!;
      person = {
        personId: null,
        personFirstName: named.firstName,
        personLastName: named.lastName,
        personBirthDate: named.birthDate ?? null,
        ...requestCommune(named),
        personPhone: named.phone ?? null,
      };
    }
    const row = await insertRequest(tx, {
      id,
      channel: 'member',
      requesterUserId: ctx.actor.userId,
      requesterName: ctx.actor.displayName,
      requesterEmail: ctx.actor.email,
      requesterLocale: ctx.actor.locale,
      requesterRelation: body.relation || null,
      source: body.source,
      ...person,
      ...situation,
    });
    await recordFiled(tx, row, ctx.actor.userId);
    return {
      id: row.id,
      reference: row.reference,
      state: row.state,
      receivedAt: row.receivedAt.toISOString(),
    };
  });
}

async function recordFiled(
  tx: Parameters<typeof recordPathwayEvent>[0],
  row: TRequestRow,
  actorUserId: string | null,
) {
  await recordPathwayEvent(tx, {
    personId: row.personId,
    kind: 'request.filed',
    actorUserId,
    category: 'administrative',
    source: { table: 'support_requests', id: row.id },
    data: { reference: row.reference, urgency: row.urgency, channel: row.channel },
    at: row.receivedAt,
  });
}

/** A question for the public form's human check, in the reader's language. */
export function getChallenge(ctx: TAnonymousContext, locale: TLocale) {
  return issueChallenge(ctx.config.sessionSecret, locale);
}

/**
 * A request from the public form (the person or a caregiver, no login): throttled per network
 * address in the database, a human check, a contact to answer; the sender gets the reference.
 */
export async function filePublicRequest(
  ctx: TAnonymousContext,
  body: TPublicRequest,
  locale: TLocale,
) {
  const now = new Date();
  // The slot is taken (and kept) in a transaction of its own: a refused attempt counts too.
  await withTransaction(ctx.db, async (tx) => {
    const slot = await takeThrottleSlot(tx, `public-request:${ctx.ip}`, PUBLIC_WINDOW_MS, now);
    if (slot.count > PUBLIC_MAX_PER_ADDRESS) {
      const seconds = Math.ceil((slot.windowEnds.getTime() - now.getTime()) / 1000);
      throw new AppError(
        'too_many_requests',
        'request.public_throttled',
        { minutes: Math.ceil(seconds / 60) },
        { retryAfterSeconds: seconds },
      );
    }
  });
  const nonce = verifyChallenge(ctx.config.sessionSecret, body.humanCheck, now);
  const situation = situationColumns(body);
  if (!body.requester.phone && !body.requester.email) {
    throw fieldError('requester.phone', 'request.contact_required');
  }
  return withTransaction(ctx.db, async (tx) => {
    if (await isChallengeUsed(tx, nonce)) {
      throw fieldError('humanCheck.answer', 'request.human_check_used');
    }
    const isSelf = body.requester.relation === 'self';
    const row = await insertRequest(tx, {
      id: randomUUID(),
      channel: 'public',
      requesterUserId: null,
      requesterName: body.requester.name,
      requesterPhone: body.requester.phone ?? null,
      requesterEmail: body.requester.email ?? null,
      requesterLocale: locale,
      requesterRelation: body.requester.relation,
      source: isSelf ? 'person' : 'caregiver',
      personId: null,
      personFirstName: body.person.firstName,
      personLastName: body.person.lastName,
      personBirthDate: body.person.birthDate ?? null,
      ...requestCommune(body.person),
      personPhone: body.person.phone ?? (isSelf ? (body.requester.phone ?? null) : null),
      challengeNonce: nonce,
      ...situation,
    });
    await recordFiled(tx, row, null);
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'request.file_public',
      resourceType: 'support_request',
      resourceId: row.id,
      outcome: 'success',
      reason: 'public form, human check passed',
      requestId: ctx.requestId,
      details: { reference: row.reference },
    });
    return { reference: row.reference, receivedAt: row.receivedAt.toISOString() };
  });
}

/** The requests the user filed, with their state and answer (each read audited). */
export function listMyRequests(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => {
    const rows = await findRequestsOf(tx, ctx.actor.userId);
    for (const { request } of rows) {
      await appendAudit(tx, {
        actorUserId: ctx.actor.userId,
        actorRole: ctx.actor.role,
        action: 'request.read_own',
        resourceType: 'support_request',
        resourceId: request.id,
        personId: request.personId,
        outcome: 'allowed',
        reason: 'the requester follows their own request',
        requestId: ctx.requestId,
      });
    }
    return { items: rows.map(({ request, serviceName }) => mineOf(request, serviceName)) };
  });
}

/** One request in full, for the coordination team and its requester (guarded and audited). */
export function getRequest(ctx: TContext, options: { requestId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const row = await findRequest(tx, options.requestId);
    if (!row) throw new AppError('not_found', 'record.not_found');
    await requireSupportRequestAccess(ctx, tx, row, {
      action: 'read',
      auditAction: 'request.read',
    });
    return detailOf(tx, row, new Date());
  });
}

/** A request with its answer: the referral's service, or the pathway it opened. */
export async function detailOf(
  tx: Parameters<typeof findReferralOf>[0],
  row: TRequestRow,
  now: Date,
) {
  const referral = row.state === 'redirected' ? await findReferralOf(tx, row.id) : undefined;
  const pathway = row.state === 'accepted' ? await findPathwayOfRequest(tx, row.id) : undefined;
  const summary = summaryOf(row, now);
  return {
    ...summary,
    person: { ...summary.person, phone: row.personPhone },
    requester: {
      userId: row.requesterUserId,
      name: row.requesterName,
      phone: row.requesterPhone,
      email: row.requesterEmail,
      relation: row.requesterRelation,
    },
    difficultiesNote: row.difficultiesNote,
    alreadyInPlace: row.alreadyInPlace,
    consent: {
      how: row.consentHow,
      obtainedOn: row.consentAt,
      shareWithGp: row.consentShareWithGp,
    },
    answerNote: row.answerNote,
    referral: referral ?? null,
    pathway: pathway
      ? {
          id: pathway.id,
          state: pathway.state,
          assessor: {
            memberId: pathway.memberId,
            firstName: pathway.firstName,
            lastName: pathway.lastName,
          },
        }
      : null,
  };
}
