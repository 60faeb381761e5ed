import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideAccess, mayForceCaseloadCap } from '../access/access.policy.js';
import { filterPersonsAccess, requirePersonAccess } from '../access/access.service.js';
import { getLevelSettings } from '../assessments/level-settings.repository.js';
import { appendAudit } from '../audit/audit.repository.js';
import { reassessmentDue, type TLevel } from '../assessments/integration-level.js';
import { recordPathwayEvent } from './pathway-events.js';
import { findLevelsInForce, insertPathwayHistory } from './pathway.repository.js';
import {
  countCaseload,
  findCaseManagerOf,
  findManagerCap,
  findManagersAndCaseloads,
  findRecentEvents,
  getCaseloadCap,
  loadMyCaseload,
  loadUnassigned,
  lockMember,
  setCaseManager,
  setManagerCap,
  type TCaseloadRow,
} from './caseload.repository.js';

/** The cap that applies to a manager: their own, else the network's. */
async function capOf(tx: TDb, memberId: string): Promise<number> {
  return (await findManagerCap(tx, memberId)) ?? (await getCaseloadCap(tx));
}

/**
 * Names the person's case manager, or hands them over to another: the guard decides who may
 * (audited), the cap is checked under a lock on the new manager (409 with who and how many),
 * and only the coordination team goes over it, with a reason — audited apart as
 * caseload.cap_forced. The history keeps from whom to whom; access moves at once, as the guard
 * derives the case manager's relation from the person's row (decision 016).
 */
export function assignCaseManager(
  ctx: TContext,
  options: { personId: string; memberId: string; reason?: string | undefined; force: boolean },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'steer',
      category: 'administrative',
      auditAction: 'case_manager.assign',
      resourceType: 'case_manager',
      details: { memberId: options.memberId, force: options.force },
    });
    const manager = await lockMember(tx, options.memberId);
    if (!manager) throw fieldError('memberId', 'caseload.member_not_found');
    const current = await findCaseManagerOf(tx, options.personId);
    const cap = await capOf(tx, manager.id);
    const count = await countCaseload(tx, manager.id);
    if (current?.id === manager.id) {
      return { caseManager: manager, caseload: { count, cap }, forced: false };
    }
    const reason = options.reason?.trim() || null;
    const overCap = count >= cap;
    if (overCap) {
      if (!options.force) {
        throw new AppError(
          'conflict',
          'caseload.cap_reached',
          { name: `${manager.firstName} ${manager.lastName}`, count, cap },
          { count, cap },
        );
      }
      if (!mayForceCaseloadCap(ctx.actor.role)) {
        throw new AppError('forbidden', 'caseload.force_forbidden');
      }
      if (!reason) throw fieldError('reason', 'caseload.force_reason_required');
      await appendAudit(tx, {
        actorUserId: ctx.actor.userId,
        actorRole: ctx.actor.role,
        action: 'caseload.cap_forced',
        resourceType: 'case_manager',
        resourceId: manager.id,
        personId: options.personId,
        outcome: 'allowed',
        reason,
        requestId: ctx.requestId,
        details: { count, cap },
      });
    }
    await setCaseManager(tx, options.personId, manager.id);
    const entry = await insertPathwayHistory(tx, {
      personId: options.personId,
      kind: 'case_manager',
      fromMemberId: current?.id ?? null,
      toMemberId: manager.id,
      reason,
      forced: overCap,
      byUserId: ctx.actor.userId,
    });
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'case_manager.assigned',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'pathway_history', id: entry.id },
      data: { fromMemberId: current?.id ?? null, toMemberId: manager.id, forced: overCap },
      at: entry.at,
    });
    return { caseManager: manager, caseload: { count: count + 1, cap }, forced: overCap };
  });
}

/** Sets a manager's own cap (null: the network's), audited: the coordination team. */
export function setCaseManagerCap(
  ctx: TContext,
  options: { memberId: string; cap: number | null },
) {
  return withTransaction(ctx.db, async (tx) => {
    const manager = await lockMember(tx, options.memberId);
    if (!manager) throw new AppError('not_found', 'record.not_found');
    await setManagerCap(tx, manager.id, options.cap, ctx.actor.userId);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'caseload.cap_set',
      resourceType: 'member',
      resourceId: manager.id,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { cap: options.cap },
    });
  });
}

const emptyCounts = () => ({ liaison: 0, coordination: 0, integration: 0, none: 0 });

/**
 * The case manager's home: their active caseload by level (each read audited, a person refused
 * left out), the pathway state, the reassessment due and whether it is overdue, the cap used, the
 * people they answer for as referent professional (decision 027: audited apart, outside the cap,
 * flagged when the level rose above liaison and nobody is case manager yet), and the latest
 * pathway events of all these people that the guard lets them see, by category.
 */
export function getMyCaseload(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => {
    const memberId = ctx.actor.memberId;
    if (!memberId) throw new AppError('forbidden', 'caseload.no_member_profile');
    const { rows, levels } = await loadMyCaseload(tx, ctx.actor);
    const read = (asReferent: boolean) =>
      filterPersonsAccess(
        ctx,
        tx,
        rows.filter((row) => row.asReferent === asReferent),
        {
          action: 'read',
          category: 'identity',
          auditAction: asReferent ? 'caseload.referent_read' : 'caseload.read',
          resourceType: 'person',
        },
      );
    const managed = (await read(false)).map((g) => g.data);
    const referred = (await read(true)).map((g) => g.data);
    const withManager = new Set(rows.filter((r) => r.hasCaseManager).map((r) => r.personId));
    const settings = await getLevelSettings(tx);
    const now = Date.now();
    const view = (person: TCaseloadRow) => {
      const level = levels.get(person.id);
      const due = level ? reassessmentDue(level.level, level.since, settings) : null;
      return {
        ...person,
        level: level?.level ?? null,
        reassessmentDue: due ? due.toISOString().slice(0, 10) : null,
        overdue: due !== null && due.getTime() < now,
        stateSince: person.stateSince?.toISOString() ?? null,
      };
    };
    const byLevel = emptyCounts();
    const items = managed.map((person) => {
      const item = view(person);
      byLevel[item.level ?? 'none']++;
      return item;
    });
    const referentOf = referred.map((person) => {
      const item = view(person);
      return {
        ...item,
        needsCaseManager: item.level !== 'liaison' && !withManager.has(person.id),
      };
    });
    const facts = new Map(rows.map((r) => [r.personId, r.facts]));
    const events = (await findRecentEvents(tx, [...facts.keys()], 60))
      .filter((e) => {
        const f = facts.get(e.personId);
        return f && decideAccess(f, { action: 'read', category: e.category }).allowed;
      })
      .slice(0, 30)
      .map(({ category: _, ...e }) => ({ ...e, at: e.at.toISOString() }));
    return {
      count: items.length,
      cap: await capOf(tx, memberId),
      byLevel,
      items,
      referentOf,
      events,
    };
  });
}

/**
 * The coordination team's workload board: each case manager's active caseload by level against
 * their cap (counts only), and the people with an open pathway and nobody answering for them
 * (names shown to those the guard lets steer, each decision audited), to assign.
 */
export function getWorkloadBoard(ctx: TContext) {
  return withTransaction(ctx.db, async (tx) => {
    const defaultCap = await getCaseloadCap(tx);
    const { managers, counted } = await findManagersAndCaseloads(tx);
    const unassignedRows = await loadUnassigned(tx, ctx.actor);
    const levels = await findLevelsInForce(
      tx,
      unassignedRows.map((r) => r.personId),
    );
    const counts = new Map<string, Record<TLevel | 'none', number>>();
    for (const { memberId, level, count } of counted) {
      const c = counts.get(memberId) ?? emptyCounts();
      c[level] += count;
      counts.set(memberId, c);
    }
    const referents = new Map(unassignedRows.map((r) => [r.personId, r.referent]));
    const unassigned = await filterPersonsAccess(ctx, tx, unassignedRows, {
      action: 'steer',
      category: 'identity',
      auditAction: 'caseload.unassigned_list',
      resourceType: 'person',
    });
    return {
      defaultCap,
      managers: managers.map((m) => {
        const byLevel = counts.get(m.memberId) ?? emptyCounts();
        return {
          memberId: m.memberId,
          firstName: m.firstName,
          lastName: m.lastName,
          cap: m.cap ?? defaultCap,
          count: byLevel.liaison + byLevel.coordination + byLevel.integration + byLevel.none,
          byLevel,
        };
      }),
      unassigned: unassigned.map(({ data }) => ({
        id: data.id,
        firstName: data.firstName,
        lastName: data.lastName,
        commune: data.commune,
        state: data.state!,
        level: levels.get(data.id)?.level ?? null,
        referent: referents.get(data.id) ?? null,
      })),
    };
  });
}
