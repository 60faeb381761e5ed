import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { translate } from '../../server/messages.js';
import { withTransaction } from '../../server/transaction.js';
import { filterFoundPersonsAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findPersonsBornOn } from './person-identity.repository.js';
import { identityStatusOf } from './person-identity.rules.js';
import { duplicateMatch, type TDuplicateMatch, type TIdentityNames } from './person-names.js';

export type TDuplicateQuery = TIdentityNames & { birthDate: string };

/** The same date with day and month swapped (a common slip), when that is a date too. */
function swappedDayMonth(date: string): string | undefined {
  const [year, month, day] = date.split('-');
  if (!year || !month || !day || month === day || Number(day) > 12) return undefined;
  const swapped = `${year}-${day}-${month}`;
  const parsed = new Date(`${swapped}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== swapped
    ? undefined
    : swapped;
}

/**
 * The records that may be this person, split by what the guard lets the user see. Each candidate
 * is a read decision of the guard (audited, granted or refused, as for a list); the check itself
 * is audited with its counts. Runs inside the caller's transaction (a check, or a creation).
 */
export async function findDuplicates(ctx: TContext, tx: TDb, query: TDuplicateQuery) {
  const dates = [query.birthDate, swappedDayMonth(query.birthDate)].filter(
    (d): d is string => d !== undefined,
  );
  const matched = (await findPersonsBornOn(tx, dates)).flatMap((row) => {
    const match = duplicateMatch(query, row);
    return match ? [{ ...row, match }] : [];
  });
  const granted = await filterFoundPersonsAccess(ctx, tx, matched, {
    action: 'read',
    category: 'identity',
    auditAction: 'person.duplicate_candidate',
    resourceType: 'person',
  });
  const candidates = granted
    .map((row) => row.data)
    .sort((a, b) => MATCH_ORDER[a.match] - MATCH_ORDER[b.match]);
  const hidden = matched.length - candidates.length;
  await appendAudit(tx, {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: 'person.duplicate_check',
    resourceType: 'person_identity',
    outcome: 'success',
    requestId: ctx.requestId,
    details: { candidates: candidates.length, hidden },
  });
  return { candidates, followedElsewhere: hidden > 0 };
}

const MATCH_ORDER: Record<TDuplicateMatch, number> = {
  same_name: 0,
  other_name: 1,
  swapped_names: 2,
  close_spelling: 3,
};

/**
 * POST /api/persons/duplicates: the candidates the user may see; a candidate outside their rights
 * is only told as "a person with this identity is already followed — ask the coordination team"
 * (no id, no name, not even how many).
 */
export function checkDuplicates(ctx: TContext, query: TDuplicateQuery) {
  return withTransaction(ctx.db, async (tx) => {
    const found = await findDuplicates(ctx, tx, query);
    return {
      candidates: found.candidates.map((row) => ({
        id: row.id,
        firstName: row.firstName,
        lastName: row.lastName,
        birthName: row.birthName,
        birthDate: row.birthDate,
        commune: row.commune,
        identityStatus: identityStatusOf(row.identityStatus),
        match: row.match,
      })),
      followedElsewhere: found.followedElsewhere,
      notice: found.followedElsewhere
        ? translate(ctx.actor.locale, 'identity.followed_elsewhere')
        : null,
    };
  });
}
