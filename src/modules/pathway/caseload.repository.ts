/**
 * Caseloads: who answers for whom, how many people each case manager follows, their cap, and the
 * reads of the caseload page and the workload board (decision 016). A person counts in a caseload
 * while their pathway is not closed (or they have none yet).
 */
import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import {
  caseloadCaps,
  members,
  networkSettings,
  pathways,
  persons,
  users,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';
import {
  ACCESS_FACT_COLUMNS,
  accessFactsOf,
  factsParams,
  type TFactsRow,
  type TWithFacts,
} from '../access/access.repository.js';
import { LEVELS, type TLevel } from '../assessments/integration-level.js';
import { LATEST_LEVEL_SQL } from './pathway.repository.js';
import type { TPathwayState } from './pathway.states.js';

/** The network's cap when none is set (source document 002: "une quarantaine au plus"). */
export const DEFAULT_CASELOAD_CAP = 40;
const CAP_KEY = 'caseload_cap';

export type TMemberName = { id: string; firstName: string; lastName: string };

/** A member's name, or null when no such member. */
export async function findMemberName(db: TDb, memberId: string): Promise<TMemberName | null> {
  const [row] = await db
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(eq(members.id, memberId));
  return row ?? null;
}

/**
 * The member's name, read with a row lock: assignments to one case manager queue behind each
 * other, so two of them cannot both pass the cap check (both drivers honour FOR UPDATE).
 */
export async function lockMember(db: TDb, memberId: string): Promise<TMemberName | null> {
  const [row] = await db
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(eq(members.id, memberId))
    .for('update');
  return row ?? null;
}

/** The person's case manager, or null. */
export async function findCaseManagerOf(db: TDb, personId: string): Promise<TMemberName | null> {
  const [row] = await db
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(persons)
    .innerJoin(members, eq(members.id, persons.caseManagerId))
    .where(eq(persons.id, personId));
  return row ?? null;
}

/** Names the person's case manager (null: nobody). */
export async function setCaseManager(
  db: TDb,
  personId: string,
  memberId: string | null,
): Promise<void> {
  await db
    .update(persons)
    .set({ caseManagerId: memberId, updatedAt: new Date() })
    .where(eq(persons.id, personId));
}

/** The network's caseload cap (network setting caseload_cap, else the default). */
export async function getCaseloadCap(db: TDb): Promise<number> {
  const [row] = await db
    .select({ value: networkSettings.value })
    .from(networkSettings)
    .where(eq(networkSettings.key, CAP_KEY));
  const value = row?.value;
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : DEFAULT_CASELOAD_CAP;
}

/** Sets the network's caseload cap. */
export async function setCaseloadCap(db: TDb, cap: number): Promise<void> {
  await db
    .insert(networkSettings)
    .values({ key: CAP_KEY, value: cap })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: cap, updatedAt: new Date() },
    });
}

/** A manager's own cap, or null when the network's applies. */
export async function findManagerCap(db: TDb, memberId: string): Promise<number | null> {
  const [row] = await db
    .select({ cap: caseloadCaps.cap })
    .from(caseloadCaps)
    .where(eq(caseloadCaps.memberId, memberId));
  return row?.cap ?? null;
}

/** Sets (or, with null, removes) a manager's own cap. */
export async function setManagerCap(
  db: TDb,
  memberId: string,
  cap: number | null,
  userId: string,
): Promise<void> {
  if (cap === null) {
    await db.delete(caseloadCaps).where(eq(caseloadCaps.memberId, memberId));
    return;
  }
  await db
    .insert(caseloadCaps)
    .values({ memberId, cap, setByUserId: userId })
    .onConflictDoUpdate({
      target: caseloadCaps.memberId,
      set: { cap, setByUserId: userId, updatedAt: new Date() },
    });
}

/** Followed, not merged away, and the pathway (if any) not closed. */
const inCaseload = and(
  isNull(persons.mergedIntoId),
  or(isNull(pathways.state), ne(pathways.state, 'closed')),
);

/** How many people the member follows as case manager (their active caseload). */
export async function countCaseload(db: TDb, memberId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(persons)
    .leftJoin(pathways, eq(pathways.personId, persons.id))
    .where(and(eq(persons.caseManagerId, memberId), inCaseload));
  return row?.count ?? 0;
}

const CASELOADS_BY_LEVEL = statement(
  'caseloads_by_level',
  `SELECT p.case_manager_id AS member_id,
          CASE WHEN lv.level IN ('liaison', 'coordination', 'integration') THEN lv.level
               ELSE 'none' END AS level,
          count(*)::int AS count
     FROM persons p
     LEFT JOIN pathways pw ON pw.person_id = p.id
     LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
    WHERE p.case_manager_id IS NOT NULL AND p.merged_into_id IS NULL
      AND (pw.state IS NULL OR pw.state <> 'closed')
    GROUP BY 1, 2`,
);

/**
 * Every case manager — a member who follows someone, or an active coordinator's member profile —
 * with their own cap, and how many people of each level their active caseload holds, counted in
 * SQL (the level in force by one index probe a person: issue 14).
 */
export async function findManagersAndCaseloads(db: TDb) {
  const counted = await runStatement<{ member_id: string; level: TLevel | 'none'; count: number }>(
    db,
    CASELOADS_BY_LEVEL,
    [],
  );
  const coordinators = await db
    .select({ memberId: users.memberId })
    .from(users)
    .where(and(eq(users.role, 'coordinator'), eq(users.status, 'active')));
  const ids = new Set<string>();
  for (const row of counted) ids.add(row.member_id);
  for (const row of coordinators) if (row.memberId) ids.add(row.memberId);
  const managers = ids.size
    ? await db
        .select({
          memberId: members.id,
          firstName: members.firstName,
          lastName: members.lastName,
          cap: caseloadCaps.cap,
        })
        .from(members)
        .leftJoin(caseloadCaps, eq(caseloadCaps.memberId, members.id))
        .where(inArray(members.id, [...ids]))
        .orderBy(members.lastName, members.firstName)
    : [];
  return {
    managers,
    counted: counted.map((row) => ({
      memberId: row.member_id,
      level: row.level,
      count: row.count,
    })),
  };
}

/** A person of a caseload or of the unassigned list, with their pathway. */
export type TCaseloadRow = {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  commune: string | null;
  state: TPathwayState | null;
  stateSince: Date | null;
  expectedEnd: string | null;
};

type TCaseloadColumns = {
  first_name: string;
  last_name: string;
  birth_date: string | null;
  commune: string | null;
  state: TPathwayState | null;
  state_since: Date | null;
  expected_end: string | null;
};

const CASELOAD_COLUMNS = `p.first_name, p.last_name, p.birth_date::text AS birth_date, p.commune,
  pw.state, pw.state_since, pw.expected_end::text AS expected_end`;

/**
 * The caseload with each person's latest level event, one index probe each (one snapshot), and
 * in the same statement the people whose referent the actor is and whose case manager they are
 * not (decision 027): `as_referent` tells the two apart.
 */
const MY_CASELOAD = statement(
  'my_caseload',
  `SELECT * FROM (
     SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS}, lv.level AS level_in_force,
            lv.at AS level_at, false AS as_referent
       FROM persons p LEFT JOIN pathways pw ON pw.person_id = p.id
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
      WHERE p.case_manager_id = $2::uuid AND p.merged_into_id IS NULL
        AND (pw.state IS NULL OR pw.state <> 'closed')
     UNION ALL
     SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS}, lv.level AS level_in_force,
            lv.at AS level_at, true AS as_referent
       FROM pathways pw JOIN persons p ON p.id = pw.person_id
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
      WHERE pw.referent_member_id = $2::uuid AND pw.state <> 'closed'
        AND p.merged_into_id IS NULL AND p.case_manager_id IS DISTINCT FROM $2::uuid
   ) c
   ORDER BY c.last_name, c.first_name`,
);

/**
 * People with an open pathway and nobody answering for them: no case manager and either no
 * referent, or a referent kept after the level in force rose above liaison (decision 016: a
 * referent stands in for a case manager at the liaison level only), flagged by `referent_id`.
 */
const UNASSIGNED = statement(
  'unassigned_pathways',
  `SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS},
          rm.id AS referent_id, rm.first_name AS referent_first_name,
          rm.last_name AS referent_last_name
     FROM persons p JOIN pathways pw ON pw.person_id = p.id
     LEFT JOIN members rm ON rm.id = pw.referent_member_id
     LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON pw.referent_member_id IS NOT NULL
    WHERE p.case_manager_id IS NULL AND p.merged_into_id IS NULL
      AND pw.state <> 'closed'
      AND (pw.referent_member_id IS NULL OR lv.level IS DISTINCT FROM 'liaison')
    ORDER BY pw.opened_at
    LIMIT 200`,
);

const isLevel = (value: string): value is TLevel => (LEVELS as readonly string[]).includes(value);

function caseloadRowsOf(actor: TActor, rows: (TFactsRow & TCaseloadColumns)[]) {
  return rows.map((row) => ({
    personId: row.person_id,
    facts: accessFactsOf(actor, row),
    data: {
      id: row.person_id,
      firstName: row.first_name,
      lastName: row.last_name,
      birthDate: row.birth_date,
      commune: row.commune,
      state: row.state,
      stateSince: row.state_since === null ? null : new Date(row.state_since),
      expectedEnd: row.expected_end,
    },
  }));
}

/**
 * The actor's active caseload (people whose case manager they are), each with its facts, the
 * people they are the referent of (`asReferent`), and the level in force of each (read in the same
 * statement: no second round trip for the levels).
 */
export async function loadMyCaseload(
  tx: TDb,
  actor: TActor,
): Promise<{
  rows: (TWithFacts<TCaseloadRow> & {
    personId: string;
    asReferent: boolean;
    hasCaseManager: boolean;
  })[];
  levels: Map<string, { level: TLevel; since: Date }>;
}> {
  const rows = await runStatement<
    TFactsRow &
      TCaseloadColumns & {
        level_in_force: string | null;
        level_at: Date | string | null;
        as_referent: boolean;
      }
  >(tx, MY_CASELOAD, factsParams(actor, new Date()));
  const levels = new Map<string, { level: TLevel; since: Date }>();
  for (const row of rows) {
    if (row.level_in_force && row.level_at && isLevel(row.level_in_force)) {
      levels.set(row.person_id, { level: row.level_in_force, since: new Date(row.level_at) });
    }
  }
  return {
    rows: caseloadRowsOf(actor, rows).map((row, i) => ({
      ...row,
      asReferent: rows[i]!.as_referent,
      hasCaseManager: rows[i]!.case_manager_id !== null,
    })),
    levels,
  };
}

/**
 * People with an open pathway and nobody answering for them, oldest first, with their facts and
 * the referent kept after the level rose above liaison (null: no referent).
 */
export async function loadUnassigned(
  tx: TDb,
  actor: TActor,
): Promise<(TWithFacts<TCaseloadRow> & { personId: string; referent: TMemberName | null })[]> {
  const rows = await runStatement<
    TFactsRow &
      TCaseloadColumns & {
        referent_id: string | null;
        referent_first_name: string | null;
        referent_last_name: string | null;
      }
  >(tx, UNASSIGNED, factsParams(actor, new Date()));
  const referents = new Map(
    rows.map((r) => [
      r.person_id,
      r.referent_id
        ? {
            id: r.referent_id,
            firstName: r.referent_first_name ?? '',
            lastName: r.referent_last_name ?? '',
          }
        : null,
    ]),
  );
  return caseloadRowsOf(actor, rows).map((row) => ({
    ...row,
    referent: referents.get(row.personId) ?? null,
  }));
}

/**
 * The newest events first found in the (person_id, at, id) index alone (an index-only scan over
 * the caseload's timelines), then only those rows read: not every event of 40 timelines (issue 14).
 */
const RECENT_EVENTS = statement(
  'caseload_recent_events',
  `WITH top AS (
     SELECT id FROM pathway_events
      WHERE person_id = ANY($1::uuid[])
      ORDER BY at DESC, id DESC
      LIMIT $2)
   SELECT e.id, e.person_id, e.kind, e.at, e.category, e.data
     FROM top JOIN pathway_events e ON e.id = top.id
    ORDER BY e.at DESC, e.id DESC`,
);

/** The latest pathway events of these people, newest first. */
export async function findRecentEvents(tx: TDb, personIds: readonly string[], limit: number) {
  if (!personIds.length) return [];
  const rows = await runStatement<{
    id: string | number;
    person_id: string;
    kind: string;
    at: Date | string;
    category: 'identity' | 'medical' | 'social' | 'administrative';
    data: Record<string, string | number | boolean | null>;
  }>(tx, RECENT_EVENTS, [[...personIds], limit]);
  return rows.map((row) => ({
    id: Number(row.id),
    personId: row.person_id,
    kind: row.kind,
    at: new Date(row.at),
    category: row.category,
    data: row.data,
  }));
}
