import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError } from '../../server/errors.js';
import { withAuditedRead, withTransaction } from '../../server/transaction.js';
import { decideAccess, mayForceCaseloadCap } from '../access/access.policy.js';
import { filterPersonsAccess, requirePersonAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { reassessmentDue } from '../assessments/integration-level.js';
import { recordPathwayEvent } from './pathway-events.js';
import { insertPathwayHistory } from './pathway.repository.js';
import {
  countCaseload,
  findCaseManagerOf,
  findManagerCap,
  getCaseloadCap,
  loadMyCaseloadPage,
  loadWorkloadBoard,
  lockMember,
  setCaseManager,
  setManagerCap,
  type TCaseloadPage,
  type TCaseloadRow,
  type TWorkloadBoard,
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

/** How many recent events the caseload shows, of those the guard lets its reader see. */
const RECENT_EVENTS_SHOWN = 30;

/**
 * The case manager's home: their active caseload by level (each decision audited — one row for
 * the list, decision 056 — a person refused left out), the pathway state, the reassessment due and whether it is overdue, the cap used, the
 * people they answer for as referent professional (decision 027: audited apart, outside the cap,
 * flagged when the level rose above liaison and nobody is case manager yet), and the latest
 * pathway events of all these people that the guard lets them see, by category.
 *
 * Everything comes from ONE statement (the people with their access facts and levels, the recent
 * events, the settings and the cap: one snapshot), read with the session when the route did
 * (`readWithSession`, decision 019); no explicit transaction: the answer is returned only once
 * the audit rows of the lists shown have committed (withAuditedRead).
 */
export function getMyCaseload(ctx: TContext, readWithSession?: TCaseloadPage) {
  const memberId = ctx.actor.memberId;
  if (!memberId) throw new AppError('forbidden', 'caseload.no_member_profile');
  return withAuditedRead(ctx.db, async (read) => {
    const page = readWithSession ?? (await loadMyCaseloadPage(read, ctx.actor));
    // the caseload and the people one is referent of are audited apart (decision 027)
    const readPeople = async (asReferent: boolean) =>
      (
        await filterPersonsAccess(
          ctx,
          read,
          page.rows.filter((row) => row.asReferent === asReferent),
          {
            action: 'read',
            category: 'identity',
            auditAction: asReferent ? 'caseload.referent_read' : 'caseload.read',
            resourceType: 'person',
          },
        )
      ).map((granted) => granted.data);
    const managed = await readPeople(false);
    const referred = await readPeople(true);
    const withManager = new Set(page.rows.filter((r) => r.hasCaseManager).map((r) => r.personId));
    const now = Date.now();
    const view = (person: TCaseloadRow) => {
      const level = page.levels.get(person.id);
      const due = level ? reassessmentDue(level.level, level.since, page.levelSettings) : null;
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
    // Each event is shown only if the guard lets the reader see its category for its person.
    const facts = new Map(page.rows.map((r) => [r.personId, r.facts]));
    const events = page.events
      .filter((e) => {
        const f = facts.get(e.personId);
        return f && decideAccess(f, { action: 'read', category: e.category }).allowed;
      })
      .slice(0, RECENT_EVENTS_SHOWN)
      .map(({ category: _, ...e }) => ({ ...e, at: e.at.toISOString() }));
    return { count: items.length, cap: page.cap, byLevel, items, referentOf, events };
  });
}

/**
 * The coordination team's workload board: each case manager's active caseload by level against
 * their cap (counts only), and the people with an open pathway and nobody answering for them
 * (names shown to those the guard lets steer, each decision audited), to assign.
 *
 * One statement (counts, managers, the unassigned with their access facts and levels), read with
 * the session when the route did (decision 019); no explicit transaction: answered once the audit
 * rows of the names shown have committed (withAuditedRead).
 */
export function getWorkloadBoard(ctx: TContext, readWithSession?: TWorkloadBoard) {
  return withAuditedRead(ctx.db, async (read) => {
    const board = readWithSession ?? (await loadWorkloadBoard(read, ctx.actor));
    const referents = new Map(board.unassigned.map((r) => [r.personId, r.referent]));
    const unassigned = await filterPersonsAccess(ctx, read, board.unassigned, {
      action: 'steer',
      category: 'identity',
      auditAction: 'caseload.unassigned_list',
      resourceType: 'person',
    });
    return {
      defaultCap: board.defaultCap,
      managers: board.managers.map((m) => {
        const byLevel = { ...emptyCounts(), ...m.byLevel };
        return {
          memberId: m.memberId,
          firstName: m.firstName,
          lastName: m.lastName,
          cap: m.cap ?? board.defaultCap,
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
        level: board.levels.get(data.id)?.level ?? null,
        referent: referents.get(data.id) ?? null,
      })),
    };
  });
}
