/**
 * What bench:request reads and writes: the case manager with the largest caseload of the run's
 * data, the persons of that caseload, and for each concurrent caller its own (person, member)
 * pair for the audited write, so that add-then-remove never conflicts between callers.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { careTeamMembers, members, persons } from '../../src/db/schema/index.js';
import type { TLoadLogin } from '../load/data.js';

export type TBenchTarget = {
  login: TLoadLogin;
  caseload: string[];
  /** One per caller: the member the caller adds to then removes from the person's care team. */
  writes: { personId: string; memberId: string }[];
};

export async function pickTarget(
  db: TDb,
  logins: readonly TLoadLogin[],
  callers: number,
): Promise<TBenchTarget> {
  const coordinators = new Map(
    logins.filter((l) => l.role === 'coordinator' && l.memberId).map((l) => [l.memberId!, l]),
  );
  const loads = await db
    .select({ managerId: persons.caseManagerId, size: count() })
    .from(persons)
    .where(isNotNull(persons.caseManagerId))
    .groupBy(persons.caseManagerId)
    .orderBy(desc(count()));
  const chosen = loads.find((row) => coordinators.has(row.managerId!));
  if (!chosen) throw new Error('no case manager with an account has a caseload');
  const login = coordinators.get(chosen.managerId!)!;
  const caseload = (
    await db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.caseManagerId, chosen.managerId!))
  ).map((p) => p.id);
  const accountMembers = new Set(logins.map((l) => l.memberId));
  const teamMembers = new Set(
    (
      await db
        .select({ memberId: careTeamMembers.memberId })
        .from(careTeamMembers)
        .where(and(inArray(careTeamMembers.personId, caseload), isNull(careTeamMembers.until)))
    ).map((m) => m.memberId),
  );
  const free = (await db.select({ id: members.id }).from(members))
    .map((m) => m.id)
    .filter((id) => !accountMembers.has(id) && !teamMembers.has(id));
  if (free.length === 0) throw new Error('no member is free to add to a care team');
  // Caller i: person i mod caseload, member i mod free; the pairs are distinct for i below the
  // least common multiple of both lengths (small region: ≈ 30 persons, ≈ 60 free members).
  const writes = Array.from({ length: callers }, (_, i) => ({
    personId: caseload[i % caseload.length]!,
    memberId: free[i % free.length]!,
  }));
  return { login, caseload, writes };
}
