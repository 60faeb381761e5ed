import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  breakGlassGrants,
  careTeamMembers,
  persons,
  sharingObjections,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';
import type { TAccessFacts, TRelation } from './access.policy.js';

export type TLoadedFacts = TAccessFacts & { breakGlassReason: string | null };

/** Loads the facts the policy needs; null when the person does not exist. */
export async function loadAccessFacts(
  tx: TDb,
  actor: TActor,
  personId: string,
): Promise<TLoadedFacts | null> {
  return (await loadAccessFactsOf(tx, actor, [personId])).get(personId) ?? null;
}

/**
 * The facts for several people at once, in four queries whatever their number (a case manager's
 * list of 40 people took 160 before); people who do not exist are missing from the map.
 */
export async function loadAccessFactsOf(
  tx: TDb,
  actor: TActor,
  personIds: string[],
): Promise<Map<string, TLoadedFacts>> {
  const facts = new Map<string, TLoadedFacts>();
  const ids = [...new Set(personIds)];
  if (!ids.length) return facts;
  const now = new Date();
  const people = await tx
    .select({ id: persons.id, caseManagerId: persons.caseManagerId })
    .from(persons)
    .where(inArray(persons.id, ids));
  if (!people.length) return facts;
  const found = people.map((p) => p.id);
  const memberId = actor.memberId;
  // One after the other: a transaction is one connection, which runs one query at a time.
  const memberships = memberId
    ? await tx
        .select({
          personId: careTeamMembers.personId,
          until: careTeamMembers.until,
          medicalAccess: careTeamMembers.medicalAccess,
        })
        .from(careTeamMembers)
        .where(
          and(inArray(careTeamMembers.personId, found), eq(careTeamMembers.memberId, memberId)),
        )
    : [];
  const objections = memberId
    ? await tx
        .select({ personId: sharingObjections.personId })
        .from(sharingObjections)
        .where(
          and(
            inArray(sharingObjections.personId, found),
            eq(sharingObjections.memberId, memberId),
            isNull(sharingObjections.withdrawnAt),
          ),
        )
    : [];
  const grants = await tx
    .select({ personId: breakGlassGrants.personId, reason: breakGlassGrants.reason })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.userId, actor.userId),
        inArray(breakGlassGrants.personId, found),
        gt(breakGlassGrants.expiresAt, now),
      ),
    )
    .orderBy(desc(breakGlassGrants.createdAt));
  const objected = new Set(objections.map((o) => o.personId));
  for (const person of people) {
    let relation: TRelation = 'none';
    let medicalAccess = false;
    if (actor.personId === person.id) relation = 'self';
    else if (memberId) {
      if (person.caseManagerId === memberId) relation = 'case_manager';
      const mine = memberships.filter((m) => m.personId === person.id);
      const active = mine.find((m) => m.until === null || m.until > now);
      if (active) {
        medicalAccess = active.medicalAccess;
        if (relation === 'none') relation = 'team_member';
      } else if (relation === 'none' && mine.length > 0) relation = 'former_member';
    }
    // Newest grant first (ordered above).
    const grant = grants.find((g) => g.personId === person.id);
    facts.set(person.id, {
      role: actor.role,
      relation,
      medicalAccess,
      objected: memberId !== null && objected.has(person.id),
      breakGlass: grant !== undefined,
      breakGlassReason: grant?.reason ?? null,
    });
  }
  return facts;
}
