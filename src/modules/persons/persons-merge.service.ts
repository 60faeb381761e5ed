import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  ensureCareTeamMember,
  hasPatientAccount,
  lockPerson,
  markMerged,
  moveToKeptRecord,
} from './person-identity.repository.js';

/**
 * POST /api/persons/:personId/merge: the duplicate record is merged into this one (network staff,
 * the guard's `merge` action on both records, decision 011). In one transaction: the care team,
 * objections, contacts and patient account move to the kept record; the duplicate keeps its own
 * identity as history, points to the kept record and answers 404 from then on (with a "merged
 * into" hint for staff); audit rows stay as they are. A second case manager joins the care team.
 */
export function mergePersons(
  ctx: TContext,
  options: { personId: string; duplicatePersonId: string },
) {
  const keptId = options.personId;
  const duplicateId = options.duplicatePersonId;
  if (keptId === duplicateId) throw fieldError('duplicatePersonId', 'identity.merge_same');
  return withTransaction(ctx.db, async (tx) => {
    for (const personId of [keptId, duplicateId]) {
      await requirePersonAccess(ctx, tx, {
        personId,
        action: 'merge',
        category: 'identity',
        auditAction: 'person.merge',
        resourceType: 'person',
        details: { keptId, duplicateId },
      });
    }
    // Locked in a fixed order, so two merges of the same pair cannot deadlock.
    const [first, second] = [keptId, duplicateId].sort();
    const locked = new Map([
      [first!, await lockPerson(tx, first!)],
      [second!, await lockPerson(tx, second!)],
    ]);
    const kept = locked.get(keptId);
    const duplicate = locked.get(duplicateId);
    if (!kept || !duplicate) throw notFound('person');
    if (kept.mergedIntoId || duplicate.mergedIntoId) {
      throw new AppError('conflict', 'identity.already_merged');
    }
    if ((await hasPatientAccount(tx, keptId)) && (await hasPatientAccount(tx, duplicateId))) {
      throw new AppError('conflict', 'identity.merge_two_accounts');
    }
    const moved = await moveToKeptRecord(tx, duplicateId, keptId);
    const keptCaseManagerId = kept.caseManagerId ?? duplicate.caseManagerId;
    if (duplicate.caseManagerId && duplicate.caseManagerId !== keptCaseManagerId) {
      // The other record's case manager stays in the person's circle, as a member of the team.
      await ensureCareTeamMember(tx, keptId, duplicate.caseManagerId, null);
    }
    await markMerged(tx, duplicateId, keptId, { keptCaseManagerId });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'person.merged',
      resourceType: 'person',
      resourceId: duplicateId,
      personId: keptId,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { keptId, duplicateId, ...moved },
    });
    return { id: keptId, mergedId: duplicateId };
  });
}
