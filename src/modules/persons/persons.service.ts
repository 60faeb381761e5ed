import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { withAuditedRead, withTransaction } from '../../server/transaction.js';
import {
  filterPersonsAccess,
  requirePersonAccess,
  requirePersonAccessWith,
  wouldAllow,
  type TListedDecision,
} from '../access/access.service.js';
import { listAuditRowsOf } from '../audit/audit.repository.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { afterMemberEndPlanned, afterMemberJoined, afterMemberLeft } from './care-team.events.js';
import type { TCareTeamRole } from './care-team.roles.js';
import { personIdentityOf } from './person-identity.js';
import type { TWithFacts } from '../access/access.repository.js';
import {
  loadMyPersons,
  loadPersonPage,
  type TMyPerson,
  type TPersonPage,
  type TPersonSummaryRow,
} from './persons-page.repository.js';
import {
  endCareTeamMembership,
  findMemberStanding,
  findUserNames,
  insertBreakGlass,
  insertCareTeamMember,
  insertObjection,
  withdrawObjection,
} from './persons.repository.js';

/** Break-the-glass access lasts this long. */
export const BREAK_GLASS_TTL_MS = 4 * 60 * 60 * 1000;

type TRelationLabel = 'self' | 'case_manager' | 'team_member' | 'break_glass';

type TPersonKeys = { id: string; caseManagerId: string | null };

function relationLabel(ctx: TContext, person: TPersonKeys, viaBreakGlass: boolean): TRelationLabel {
  if (ctx.actor.personId === person.id) return 'self';
  if (viaBreakGlass) return 'break_glass';
  return person.caseManagerId !== null && person.caseManagerId === ctx.actor.memberId
    ? 'case_manager'
    : 'team_member';
}

function summary(person: TPersonSummaryRow, relation: TRelationLabel) {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    birthDate: person.birthDate,
    commune: person.commune,
    relation,
  };
}

/**
 * The people the user follows (or themselves, for a patient); each one read is audited. The
 * people and the facts of each come in one statement; someone refused (an objection, say) is
 * left out, and the refusal audited all the same. No explicit transaction: the list is answered
 * once its audit rows have committed (decision 019).
 */
export function listMyPersons(
  ctx: TContext,
  /** The people and facts already read with the session (runWithSession), if they were. */
  readWithSession?: readonly TMyPerson[],
) {
  return withAuditedRead(ctx.db, async (tx) => {
    const rows = readWithSession ?? (await loadMyPersons(tx, ctx.actor));
    const granted = await filterPersonsAccess(ctx, tx, rows, {
      action: 'read',
      category: 'identity',
      auditAction: 'person.list',
      resourceType: 'person',
    });
    const items = granted.map(({ decision, data: person }) =>
      summary(person, relationLabel(ctx, person, decision.viaBreakGlass)),
    );
    return { items };
  });
}

/**
 * A person's identity, case manager, care team and objections, read in the same statement as
 * the access facts: shown only when the guard allows, and once its audit row has committed
 * (decision 019: no explicit transaction).
 */
export function getPerson(
  ctx: TContext,
  options: { personId: string },
  /** The page and facts already read with the session (runWithSession), if they were. */
  readWithSession?: TWithFacts<TPersonPage> | null,
) {
  return withAuditedRead(ctx.db, async (tx) => {
    const {
      decision,
      data: page,
      facts,
    } = await requirePersonAccessWith(
      ctx,
      tx,
      {
        personId: options.personId,
        action: 'read',
        category: 'identity',
        auditAction: 'person.read',
        resourceType: 'person',
      },
      async () =>
        readWithSession === undefined
          ? loadPersonPage(tx, ctx.actor, options.personId)
          : readWithSession,
    );
    return {
      ...summary(page, relationLabel(ctx, page, decision.viaBreakGlass)),
      caseManager: page.caseManager,
      careTeam: page.careTeam,
      objections: page.objections,
      // The plan and the level are read as social data (plans and assessments services).
      can: {
        readPlan: wouldAllow(facts, { action: 'read', category: 'social' }),
        readLevel: wouldAllow(facts, { action: 'read', category: 'social' }),
        readMedical: wouldAllow(facts, { action: 'read', category: 'medical' }),
        writeMedical: wouldAllow(facts, { action: 'write', category: 'medical' }),
      },
      ...personIdentityOf(page, ctx.actor),
    };
  });
}

/**
 * Emergency access for a clinician outside the care team: the guard decides who may open it on
 * whom (and audits the decision, allowed or refused, with the reason given), the grant expires,
 * and every access made through it is flagged in the audit log.
 */
export function breakTheGlass(ctx: TContext, options: { personId: string; reason: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'break_glass',
      category: 'identity',
      auditAction: 'person.break_glass',
      resourceType: 'person',
      breakGlassReason: options.reason,
    });
    const expiresAt = new Date(Date.now() + BREAK_GLASS_TTL_MS);
    const grantId = await insertBreakGlass(tx, {
      userId: ctx.actor.userId,
      personId: options.personId,
      reason: options.reason,
      expiresAt,
    });
    // On the timeline for the team and the person (the reason stays in the audit trail).
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'access.break_glass',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'break_glass_grants', id: grantId },
      data: { expiresAt: expiresAt.toISOString() },
    });
    return { expiresAt: expiresAt.toISOString() };
  });
}

/** The audit trail of one person: for the person themselves and network staff. */
export function getPersonAuditTrail(
  ctx: TContext,
  options: { personId: string; before?: number | undefined; limit: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'audit',
      auditAction: 'person.audit_read',
      resourceType: 'audit_trail',
    });
    const rows = await listAuditRowsOf(tx, {
      personId: options.personId,
      beforeSeq: options.before,
      limit: options.limit,
    });
    const names = await findUserNames(
      tx,
      rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])),
    );
    return {
      items: rows.map((row) => {
        // a list read (decision 056): this person's own decision in it, as a row of its own read
        const own = row.personId === null ? listedDecisionOf(row.details, options.personId) : null;
        return {
          seq: row.seq,
          at: row.at.toISOString(),
          actorUserId: row.actorUserId,
          actorName: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
          actorRole: row.actorRole,
          action: row.action,
          resourceType: row.resourceType,
          resourceId: own ? own.personId : row.resourceId,
          outcome: own ? own.outcome : row.outcome,
          reason: own ? own.reason : row.reason,
          breakGlass: own ? (own.breakGlass ?? null) : row.breakGlass,
        };
      }),
    };
  });
}

/**
 * The person's decision in a list row's details (decision 056): the one that disclosed them if
 * they were listed more than once (an inbox with two conversations about them), else the first.
 */
function listedDecisionOf(
  details: Record<string, unknown> | null,
  personId: string,
): TListedDecision | null {
  const listed = details?.['listed'];
  if (!Array.isArray(listed)) return null;
  const id = personId.toLowerCase();
  const mine = (listed as TListedDecision[]).filter((item) => item.personId === id);
  return mine.find((item) => item.outcome === 'allowed') ?? mine[0] ?? null;
}

/** The 422 for a member id that names nobody in the directory. */
const memberNotFound = () => fieldError('memberId', 'person.member_not_found');

/** Today's date in France (the network's day), YYYY-MM-DD. */
const todayInFrance = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * When a membership starts: now for today (or no date), else the day given (a membership already
 * under way, recorded late). A start in the future is refused: access is granted on joining, so
 * a member is added on the day they start (decision 018).
 */
function membershipStart(since: string | undefined): Date {
  const today = todayInFrance();
  if (since === undefined || since === today) return new Date();
  if (since > today) throw fieldError('since', 'care_team.since_in_future');
  return new Date(`${since}T12:00:00Z`);
}

/**
 * Adds a directory member to the person's care team (case manager or network staff), with their
 * role for this person and the day they started; they are told (care-team.events.ts).
 */
export function addCareTeamMember(
  ctx: TContext,
  options: {
    personId: string;
    memberId: string;
    /** 'other' when not given. */
    role?: TCareTeamRole | undefined;
    since?: string | undefined;
    roleTitle?: string | undefined;
    medicalAccess: boolean;
  },
) {
  const since = membershipStart(options.since);
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'manage',
      category: 'identity',
      auditAction: 'care_team.add',
      resourceType: 'care_team',
      details: { memberId: options.memberId },
    });
    const standing = await findMemberStanding(tx, options.personId, options.memberId);
    if (!standing.memberExists) throw memberNotFound();
    if (standing.inTeam) throw new AppError('conflict', 'person.already_in_team');
    await joinCareTeamIn(ctx, tx, { ...options, since });
  });
}

/**
 * The care team's join, in the caller's transaction, once the caller's guard has allowed it (the
 * team's manager above; a referral's acceptance, decision 023): the membership, then what follows
 * a join (event, notification, mail).
 */
export async function joinCareTeamIn(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    memberId: string;
    role?: TCareTeamRole | undefined;
    roleTitle?: string | undefined;
    medicalAccess: boolean;
    since?: Date;
  },
): Promise<void> {
  const membershipId = await insertCareTeamMember(tx, {
    personId: options.personId,
    memberId: options.memberId,
    role: options.role ?? 'other',
    roleTitle: options.roleTitle ?? null,
    medicalAccess: options.medicalAccess,
    since: options.since ?? new Date(),
  });
  await afterMemberJoined(ctx, tx, {
    personId: options.personId,
    memberId: options.memberId,
    membershipId,
    role: options.role ?? 'other',
  });
}

/** Ends a member's place in the care team; they lose access at once (history is kept). */
export function removeCareTeamMember(
  ctx: TContext,
  options: { personId: string; memberId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'manage',
      category: 'identity',
      auditAction: 'care_team.remove',
      resourceType: 'care_team',
      details: { memberId: options.memberId },
    });
    const ended = await endCareTeamMembership(tx, options.personId, options.memberId);
    if (!ended) throw new AppError('not_found', 'person.not_in_team');
    await afterMemberLeft(ctx, tx, { ...options, membershipId: ended.id, role: ended.role });
  });
}

/**
 * The first instant after a day in France: midnight Europe/Paris of the next day (offsets change
 * at 2–3 am, never at midnight, so the offset read at 00:00 UTC of that day is the right one).
 */
export function endOfDayInFrance(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, date + 1);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utc));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return new Date(utc - (local - utc));
}

/**
 * Plans the end of a member's place in the care team (decision 027): they keep access through
 * the day given and lose it at midnight after it — the guard's facts count a membership whose end
 * has passed as former, so no job has to run on the day. Null withdraws a planned end. The day
 * must come after today (ending today is removing them, which revokes at once). The pathway event
 * 'care_team.leave_planned' puts the planned date on the timeline.
 */
export function planCareTeamEnd(
  ctx: TContext,
  options: { personId: string; memberId: string; until: string | null },
) {
  if (options.until !== null && options.until <= todayInFrance()) {
    throw fieldError('until', 'care_team.until_not_future');
  }
  const until = options.until === null ? null : endOfDayInFrance(options.until);
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'manage',
      category: 'identity',
      auditAction: 'care_team.end_planned',
      resourceType: 'care_team',
      details: { memberId: options.memberId, until: options.until },
    });
    const planned = await endCareTeamMembership(tx, options.personId, options.memberId, until);
    if (!planned) throw new AppError('not_found', 'person.not_in_team');
    await afterMemberEndPlanned(ctx, tx, {
      ...options,
      membershipId: planned.id,
      role: planned.role,
    });
  });
}

/** The person (or their case manager, or staff on their behalf) objects to sharing with a member. */
export function recordObjection(
  ctx: TContext,
  options: { personId: string; memberId: string; reason?: string | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'consent',
      category: 'identity',
      auditAction: 'consent.object',
      resourceType: 'objection',
      details: { memberId: options.memberId },
    });
    const standing = await findMemberStanding(tx, options.personId, options.memberId);
    if (!standing.memberExists) throw memberNotFound();
    if (standing.objected) throw new AppError('conflict', 'person.objection_exists');
    await insertObjection(tx, {
      personId: options.personId,
      memberId: options.memberId,
      reason: options.reason ?? null,
    });
  });
}

/** Withdraws an objection. */
export function withdrawPersonObjection(
  ctx: TContext,
  options: { personId: string; memberId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'consent',
      category: 'identity',
      auditAction: 'consent.withdraw_objection',
      resourceType: 'objection',
      details: { memberId: options.memberId },
    });
    if (!(await withdrawObjection(tx, options.personId, options.memberId))) {
      throw new AppError('not_found', 'record.not_found');
    }
  });
}
