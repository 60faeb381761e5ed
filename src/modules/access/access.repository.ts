import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  breakGlassGrants,
  careTeamMembers,
  persons,
  sharingObjections,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';
import type { TAccessFacts, TRelation } from './access.policy.js';

/** Loads the facts the policy needs; null when the person does not exist. */
export async function loadAccessFacts(
  tx: TDb,
  actor: TActor,
  personId: string,
): Promise<(TAccessFacts & { breakGlassReason: string | null }) | null> {
  const [person] = await tx
    .select({ id: persons.id, caseManagerId: persons.caseManagerId })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;

  let relation: TRelation = 'none';
  let medicalAccess = false;
  let objected = false;
  if (actor.personId === personId) relation = 'self';
  else if (actor.memberId) {
    if (person.caseManagerId === actor.memberId) relation = 'case_manager';
    const memberships = await tx
      .select({ until: careTeamMembers.until, medicalAccess: careTeamMembers.medicalAccess })
      .from(careTeamMembers)
      .where(
        and(eq(careTeamMembers.personId, personId), eq(careTeamMembers.memberId, actor.memberId)),
      );
    const active = memberships.find((m) => m.until === null || m.until > new Date());
    if (active) {
      medicalAccess = active.medicalAccess;
      if (relation === 'none') relation = 'team_member';
    } else if (relation === 'none' && memberships.length > 0) relation = 'former_member';
    const [objection] = await tx
      .select({ id: sharingObjections.id })
      .from(sharingObjections)
      .where(
        and(
          eq(sharingObjections.personId, personId),
          eq(sharingObjections.memberId, actor.memberId),
          isNull(sharingObjections.withdrawnAt),
        ),
      );
    objected = objection !== undefined;
  }
  const [grant] = await tx
    .select({ reason: breakGlassGrants.reason })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.userId, actor.userId),
        eq(breakGlassGrants.personId, personId),
        gt(breakGlassGrants.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(breakGlassGrants.createdAt))
    .limit(1);
  return {
    role: actor.role,
    relation,
    medicalAccess,
    objected,
    breakGlass: grant !== undefined,
    breakGlassReason: grant?.reason ?? null,
  };
}
