import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideAccess } from '../access/access.policy.js';
import { LEVEL_LABELS } from '../assessments/integration-level.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccess } from '../access/access.service.js';
import { findMemberStanding } from '../persons/persons.repository.js';
import { recordPathwayEvent } from './pathway-events.js';
import {
  findLevelsInForce,
  findPathwayHistory,
  findPathwayOf,
  insertPathwayHistory,
  updatePathwayReferent,
  updatePathwayState,
  type TPathwayRow,
} from './pathway.repository.js';
import {
  checkTransition,
  nextStates,
  STATE_LABELS,
  type TTransitionInput,
} from './pathway.states.js';
import { findCaseManagerOf, findMemberName } from './caseload.repository.js';

const MISSING_MESSAGE = {
  reason: 'pathway.reason_required',
  expectedEnd: 'pathway.expected_end_required',
  closeReason: 'pathway.close_reason_required',
} as const;

const iso = (date: Date) => date.toISOString();

/** The pathway as the panel shows it. */
async function pathwayView(tx: TDb, personId: string, canSteer: boolean) {
  const pathway = await findPathwayOf(tx, personId);
  const levels = await findLevelsInForce(tx, [personId]);
  const referent = pathway?.referentMemberId
    ? await findMemberName(tx, pathway.referentMemberId)
    : null;
  const history = await findPathwayHistory(tx, personId);
  const caseManager = await findCaseManagerOf(tx, personId);
  const levelInForce = levels.get(personId)?.level ?? null;
  return {
    pathway: pathway
      ? {
          id: pathway.id,
          version: pathway.version,
          state: pathway.state,
          stateSince: iso(pathway.stateSince),
          stateReason: pathway.stateReason,
          expectedEnd: pathway.expectedEnd,
          closeReason: pathway.closeReason,
          level: pathway.level,
          referent,
          openedAt: iso(pathway.openedAt),
        }
      : null,
    caseManager,
    levelInForce,
    // Decision 016/027: a referent stands in for a case manager at the liaison level only.
    needsCaseManager:
      pathway !== undefined &&
      pathway.state !== 'closed' &&
      pathway.referentMemberId !== null &&
      caseManager === null &&
      levelInForce !== 'liaison',
    canSteer,
    nextStates: pathway && canSteer ? [...nextStates(pathway.state)] : [],
    history: history.map((row) => ({
      ...row,
      fromMember: row.fromMember?.id ? row.fromMember : null,
      toMember: row.toMember?.id ? row.toMember : null,
      at: iso(row.at),
    })),
  };
}

/** Whether the reader may move the pathway (the panel's buttons): the guard's decision table. */
async function canSteer(ctx: TContext, tx: TDb, personId: string): Promise<boolean> {
  const facts = await loadAccessFacts(tx, ctx.actor, personId);
  return (
    facts !== null && decideAccess(facts, { action: 'steer', category: 'administrative' }).allowed
  );
}

/**
 * A person's pathway — state, since when, why, who answers for them — and its history, for those
 * who may read the person's administrative data (the team, the case manager, network staff).
 */
export function getPathway(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'administrative',
      auditAction: 'pathway.read',
      resourceType: 'pathway',
    });
    return pathwayView(tx, options.personId, await canSteer(ctx, tx, options.personId));
  });
}

/** The guard's 'steer' on the person's pathway (audited), then the pathway at the version read. */
async function steerPathway(
  ctx: TContext,
  tx: TDb,
  options: { personId: string; version: number },
  auditAction: string,
  details: Record<string, unknown>,
): Promise<TPathwayRow> {
  await requirePersonAccess(ctx, tx, {
    personId: options.personId,
    action: 'steer',
    category: 'administrative',
    auditAction,
    resourceType: 'pathway',
    details,
  });
  return pathwayAt(tx, options.personId, options.version);
}

/** The pathway at the version the caller read, or the 409 that tells them to reload. */
async function pathwayAt(tx: TDb, personId: string, version: number): Promise<TPathwayRow> {
  const pathway = await findPathwayOf(tx, personId);
  if (!pathway) throw new AppError('conflict', 'pathway.none');
  if (pathway.version !== version) {
    throw new AppError('conflict', 'pathway.stale', {}, { version: pathway.version });
  }
  return pathway;
}

/**
 * Moves the pathway to another state: the table of allowed moves decides (409 with the moves
 * allowed from here), a move to 'active' takes the level in force and needs someone answering
 * for the person; who, when and why go to the pathway and its history, with a pathway event, in
 * one transaction with the audit row.
 */
export function transitionPathway(
  ctx: TContext,
  options: TTransitionInput & { personId: string; version: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    const pathway = await steerPathway(ctx, tx, options, 'pathway.transition', { to: options.to });
    const problem = checkTransition(pathway.state, options);
    if (problem?.kind === 'illegal') {
      const labels = STATE_LABELS[ctx.actor.locale];
      throw new AppError(
        'conflict',
        'pathway.illegal',
        {
          from: labels[pathway.state],
          to: labels[options.to],
          allowed: nextStates(pathway.state)
            .map((s) => labels[s])
            .join(', '),
        },
        { from: pathway.state, to: options.to },
      );
    }
    if (problem) throw fieldError(problem.field, MISSING_MESSAGE[problem.field]);

    let level = pathway.level;
    if (options.to === 'active') {
      level =
        (await findLevelsInForce(tx, [options.personId])).get(options.personId)?.level ?? null;
      if (!level) throw new AppError('conflict', 'pathway.no_level');
      const caseManager = await findCaseManagerOf(tx, options.personId);
      if (!caseManager && !(level === 'liaison' && pathway.referentMemberId)) {
        throw new AppError('conflict', 'pathway.nobody_answers');
      }
    }
    const reason = options.reason?.trim() || null;
    const expectedEnd = options.to === 'suspended' ? (options.expectedEnd ?? null) : null;
    const closeReason = options.to === 'closed' ? (options.closeReason ?? null) : null;
    const now = new Date();
    const updated = await updatePathwayState(tx, pathway, {
      state: options.to,
      stateByUserId: ctx.actor.userId,
      stateReason: reason,
      expectedEnd,
      closeReason,
      level,
      stateSince: now,
    });
    if (!updated) throw new AppError('conflict', 'pathway.stale');
    const entry = await insertPathwayHistory(tx, {
      personId: options.personId,
      kind: 'transition',
      fromState: pathway.state,
      toState: options.to,
      reason,
      expectedEnd,
      closeReason,
      level: options.to === 'active' ? level : null,
      byUserId: ctx.actor.userId,
      at: now,
    });
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'pathway.transition',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'pathway_history', id: entry.id },
      data: { from: pathway.state, to: options.to, closeReason, expectedEnd, level },
      at: now,
    });
    return pathwayView(tx, options.personId, true);
  });
}

/**
 * Names (or removes) a referent professional: at the liaison level only, one of the person's
 * active care team — so they already have a team member's access, and no more (decision 016).
 */
export function setPathwayReferent(
  ctx: TContext,
  options: { personId: string; version: number; memberId: string | null },
) {
  return withTransaction(ctx.db, async (tx) => {
    const pathway = await steerPathway(ctx, tx, options, 'pathway.referent', {
      memberId: options.memberId,
    });
    if (options.memberId !== null) {
      const level = (await findLevelsInForce(tx, [options.personId])).get(options.personId)?.level;
      if (level !== 'liaison') {
        const none = ctx.actor.locale === 'fr' ? 'aucun niveau' : 'no level';
        throw new AppError('conflict', 'pathway.referent_liaison_only', {
          level: level ? LEVEL_LABELS[level][ctx.actor.locale] : none,
        });
      }
      if (!(await findMemberStanding(tx, options.personId, options.memberId)).inTeam) {
        throw fieldError('memberId', 'pathway.referent_not_in_team', 'conflict');
      }
    }
    const updated = await updatePathwayReferent(tx, pathway, options.memberId);
    if (!updated) throw new AppError('conflict', 'pathway.stale');
    const entry = await insertPathwayHistory(tx, {
      personId: options.personId,
      kind: 'referent',
      fromMemberId: pathway.referentMemberId,
      toMemberId: options.memberId,
      byUserId: ctx.actor.userId,
    });
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'pathway.referent',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'pathway_history', id: entry.id },
      data: { fromMemberId: pathway.referentMemberId, toMemberId: options.memberId },
      at: entry.at,
    });
    return pathwayView(tx, options.personId, true);
  });
}
