/**
 * Finding a person to open emergency access on (decision 018). The search must not become a way
 * to browse the network's patients, so it asks for what only someone who knows the person has —
 * their exact last name (birth or used, accents and case aside) AND exact birth date — and answers
 * only the people the guard would let this user open break-the-glass on (outside their teams, no
 * objection), with the least that tells them apart. Each candidate is a guard decision, audited
 * with the person's id (so the person's access log shows the search); the search itself is
 * audited with its count, never with the name typed.
 */
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideBreakGlassRole } from '../access/access.policy.js';
import { filterFoundPersonsAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findPersonsBornOn } from './person-identity.repository.js';
import { normalizeName } from './person-names.js';

export function searchBreakGlassCandidates(
  ctx: TContext,
  query: { lastName: string; birthDate: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    if (!decideBreakGlassRole(ctx.actor.role).allowed) {
      throw new AppError('forbidden', 'record.forbidden');
    }
    const wanted = normalizeName(query.lastName);
    const matched = (await findPersonsBornOn(tx, [query.birthDate])).filter((row) =>
      [row.lastName, row.birthName].some((name) => name && normalizeName(name) === wanted),
    );
    const granted = await filterFoundPersonsAccess(ctx, tx, matched, {
      action: 'break_glass',
      category: 'identity',
      auditAction: 'person.break_glass_candidate',
      resourceType: 'person',
    });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'person.break_glass_search',
      resourceType: 'person',
      outcome: 'success',
      requestId: ctx.requestId,
      details: { candidates: granted.length, matched: matched.length },
    });
    return {
      items: granted.slice(0, 20).map(({ data }) => ({
        id: data.id,
        firstName: data.firstName,
        lastName: data.lastName,
        birthDate: data.birthDate,
        commune: data.commune,
      })),
    };
  });
}
