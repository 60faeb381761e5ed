/**
 * What bench:request reads and writes: the case manager with the largest caseload of the run's
 * data (raised to 38 persons), that caseload, and for each concurrent caller its own (person, member)
 * pair for the audited write, so that add-then-remove never conflicts between callers.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { careTeamMembers, members, persons } from '../../src/db/schema/index.js';
import type { TLoadLogin } from '../load/data.js';

export type TBenchTarget = {
  login: TLoadLogin;
  caseload: string[];
  /** One per caller: the member the caller adds to then removes from the person's care team. */
  writes: { personId: string; memberId: string }[];
};

const CASELOAD = 38;

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
  // The small region's caseloads are about 7: persons of other case managers (or of none) are
  // handed to this one up to CASELOAD, as a caseload of a busy case manager is.
  const others = await db
    .select({ id: persons.id })
    .from(persons)
    .where(or(isNull(persons.caseManagerId), ne(persons.caseManagerId, chosen.managerId!)))
    .limit(Math.max(0, CASELOAD - chosen.size));
  if (others.length) {
    await db
      .update(persons)
      .set({ caseManagerId: chosen.managerId })
      .where(
        inArray(
          persons.id,
          others.map((p) => p.id),
        ),
      );
  }
  const caseload = (
    await db
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.caseManagerId, chosen.managerId!))
  ).map((p) => p.id);
  const accountMembers = new Set(logins.map((l) => l.memberId));
  const placed = new Set(
    (
      await db
        .select({ personId: careTeamMembers.personId, memberId: careTeamMembers.memberId })
        .from(careTeamMembers)
        .where(and(inArray(careTeamMembers.personId, caseload), isNull(careTeamMembers.until)))
    ).map((m) => `${m.personId} ${m.memberId}`),
  );
  const free = (await db.select({ id: members.id }).from(members))
    .map((m) => m.id)
    .filter((id) => !accountMembers.has(id));
  // Distinct (person, member) pairs, persons first, so that callers spread over the caseload.
  const writes: TBenchTarget['writes'] = [];
  for (const memberId of free) {
    for (const personId of caseload) {
      if (!placed.has(`${personId} ${memberId}`)) writes.push({ personId, memberId });
      if (writes.length === callers) return { login, caseload, writes };
    }
  }
  throw new Error(`only ${writes.length} free care-team places for ${callers} callers`);
}
