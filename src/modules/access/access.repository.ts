import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import type { TActor } from '../../server/context.js';
import type { TAccessFacts, TRelation } from './access.policy.js';

export type TLoadedFacts = TAccessFacts & { breakGlassReason: string | null };

/** A read of a person's data fetched together with the actor's access facts, in one statement. */
export type TWithFacts<TData> = { facts: TLoadedFacts; data: TData };

/**
 * The columns the access facts are computed from, for each person `p` of a query: any statement
 * that selects them (alone, or beside the page it serves) takes the actor as its first three
 * parameters — $1 user id, $2 member id (null for a patient or steering user), $3 the time
 * "now" — so the facts of a read come in the same round trip as its data (factsParams below).
 *
 * - case_manager_id: the person's case manager (a member);
 * - active_medical_access: null without an active membership of the actor's member profile
 *   (`until` empty or in the future), else the grant of medical entries it carries;
 * - was_member: any membership at all, ended ones included (a former member);
 * - objected: an objection to sharing with the actor's member profile, not withdrawn;
 * - break_glass_reason: the reason of the actor's newest unexpired break-the-glass grant
 *   (break_glass_grants.reason is NOT NULL, so null means no grant).
 */
export const ACCESS_FACT_COLUMNS = `
  p.id AS person_id,
  p.case_manager_id,
  (SELECT m.medical_access FROM care_team_members m
     WHERE m.person_id = p.id AND m.member_id = $2::uuid AND (m.until IS NULL OR m.until > $3::timestamptz)
     LIMIT 1) AS active_medical_access,
  EXISTS (SELECT 1 FROM care_team_members m
     WHERE m.person_id = p.id AND m.member_id = $2::uuid) AS was_member,
  EXISTS (SELECT 1 FROM sharing_objections o
     WHERE o.person_id = p.id AND o.member_id = $2::uuid AND o.withdrawn_at IS NULL) AS objected,
  (SELECT g.reason FROM break_glass_grants g
     WHERE g.user_id = $1::uuid AND g.person_id = p.id AND g.expires_at > $3::timestamptz
     ORDER BY g.created_at DESC LIMIT 1) AS break_glass_reason`;

/** One person's row of ACCESS_FACT_COLUMNS, as the drivers return it. */
export type TFactsRow = {
  person_id: string;
  case_manager_id: string | null;
  active_medical_access: boolean | null;
  was_member: boolean;
  objected: boolean;
  break_glass_reason: string | null;
};

/** The first three parameters of every statement selecting ACCESS_FACT_COLUMNS. */
export function factsParams(actor: TActor, now: Date): [string, string | null, Date] {
  return [actor.userId, actor.memberId, now];
}

/**
 * The facts the decision table needs, from a person's row of ACCESS_FACT_COLUMNS: the one place
 * they are computed, for a single read as for a list. The relation is self (a patient user
 * linked to this person), else case manager before team member before former member.
 */
export function accessFactsOf(actor: TActor, row: TFactsRow): TLoadedFacts {
  const memberId = actor.memberId;
  let relation: TRelation = 'none';
  let medicalAccess = false;
  if (actor.personId === row.person_id) relation = 'self';
  else if (memberId) {
    if (row.case_manager_id === memberId) relation = 'case_manager';
    if (row.active_medical_access !== null) {
      medicalAccess = row.active_medical_access;
      if (relation === 'none') relation = 'team_member';
    } else if (relation === 'none' && row.was_member) relation = 'former_member';
  }
  return {
    role: actor.role,
    relation,
    medicalAccess,
    objected: memberId !== null && row.objected,
    breakGlass: row.break_glass_reason !== null,
    breakGlassReason: row.break_glass_reason,
  };
}

const FACTS_OF_PERSONS = statement(
  'access_facts_of_persons',
  `SELECT ${ACCESS_FACT_COLUMNS} FROM persons p WHERE p.id = ANY($4::uuid[])`,
);

/** Loads the facts the policy needs; null when the person does not exist. */
export async function loadAccessFacts(
  tx: TDb,
  actor: TActor,
  personId: string,
): Promise<TLoadedFacts | null> {
  return (await loadAccessFactsOf(tx, actor, [personId])).get(personId) ?? null;
}

/**
 * The facts for several people at once, in one query whatever their number; people who do not
 * exist are missing from the map.
 */
export async function loadAccessFactsOf(
  tx: TDb,
  actor: TActor,
  personIds: string[],
): Promise<Map<string, TLoadedFacts>> {
  const facts = new Map<string, TLoadedFacts>();
  const ids = [...new Set(personIds)];
  if (!ids.length) return facts;
  const rows = await runStatement<TFactsRow>(tx, FACTS_OF_PERSONS, [
    ...factsParams(actor, new Date()),
    ids,
  ]);
  for (const row of rows) facts.set(row.person_id, accessFactsOf(actor, row));
  return facts;
}
