/**
 * Caseloads: who answers for whom, how many people each case manager follows, their cap, and the
 * reads of the caseload page and the workload board (decision 016). A person counts in a caseload
 * while their pathway is not closed (or they have none yet).
 */
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import {
  caseloadCaps,
  members,
  networkSettings,
  pathways,
  persons,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';
import {
  ACCESS_FACT_COLUMNS,
  accessFactsOf,
  factsParams,
  type TFactsRow,
  type TWithFacts,
} from '../access/access.repository.js';
import { withLiveSession } from '../accounts/sessions.repository.js';
import { LEVELS, type TLevel } from '../assessments/integration-level.js';
import { levelSettingsFrom, type TLevelSettings } from '../assessments/level-settings.js';
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
  return caseloadCapFrom(row?.value);
}

/** The stored network setting as a cap (the default when unset or unusable). */
export function caseloadCapFrom(value: unknown): number {
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

/** How many of the newest events the caseload reads, before the guard filters them by category. */
const RECENT_EVENTS_READ = 60;

/**
 * The case manager's home in ONE statement (decisions 014, 019): the caseload's people — those
 * whose case manager the actor is ($2), not merged away, pathway not closed; and those whose
 * referent professional they are (decision 027, `as_referent`) — with their access
 * facts, pathway and level in force (one index probe each); the newest events of their timelines
 * (ids from an index-only scan of (person_id, at, id), then only those rows read); the network's
 * level settings and the caps that may apply (the manager's own, the network's). One row, the
 * lists as JSON: one snapshot for the facts, the people and the events the guard decides on.
 * Parameters: $1 user, $2 member, $3 now (factsParams).
 */
const MY_CASELOAD_PAGE = statement(
  'my_caseload_page',
  `WITH c AS (
     SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS},
            lv.level AS level_in_force, lv.at AS level_at, false AS as_referent
       FROM persons p LEFT JOIN pathways pw ON pw.person_id = p.id
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
      WHERE p.case_manager_id = $2::uuid AND p.merged_into_id IS NULL
        AND (pw.state IS NULL OR pw.state <> 'closed')
     UNION ALL
     SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS},
            lv.level AS level_in_force, lv.at AS level_at, true AS as_referent
       FROM pathways pw JOIN persons p ON p.id = pw.person_id
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
      WHERE pw.referent_member_id = $2::uuid AND pw.state <> 'closed'
        AND p.merged_into_id IS NULL AND p.case_manager_id IS DISTINCT FROM $2::uuid),
   top AS (
     SELECT id FROM pathway_events
      WHERE person_id IN (SELECT person_id FROM c)
      ORDER BY at DESC, id DESC
      LIMIT ${RECENT_EVENTS_READ})
   SELECT
     COALESCE((SELECT json_agg(c ORDER BY c.last_name, c.first_name, c.person_id) FROM c),
              '[]'::json) AS people,
     COALESCE((SELECT json_agg(json_build_object(
                 'id', e.id, 'personId', e.person_id, 'kind', e.kind, 'at', e.at,
                 'category', e.category, 'data', e.data) ORDER BY e.at DESC, e.id DESC)
                 FROM top JOIN pathway_events e ON e.id = top.id), '[]'::json) AS events,
     (SELECT value FROM network_settings WHERE key = 'integration_levels') AS level_settings,
     (SELECT cap FROM caseload_caps WHERE member_id = $2::uuid) AS own_cap,
     (SELECT value FROM network_settings WHERE key = '${CAP_KEY}') AS network_cap`,
);

/** The same page read in the request's first statement with the session (decision 019). */
export const MY_CASELOAD_PAGE_WITH_SESSION = withLiveSession(
  'my_caseload_page_with_session',
  MY_CASELOAD_PAGE,
);

/** A row of MY_CASELOAD_PAGE (timestamps inside the JSON are text). */
export type TCaseloadPageRow = {
  people: (TFactsRow &
    TCaseloadColumns & {
      level_in_force: string | null;
      level_at: string | null;
      as_referent: boolean;
    })[];
  events: {
    id: string | number;
    personId: string;
    kind: string;
    at: string;
    category: TEventCategory;
    data: Record<string, string | number | boolean | null>;
  }[];
  level_settings: unknown;
  own_cap: number | null;
  network_cap: unknown;
};

/** The caseload page as the service uses it: rows with facts, levels, events, settings, cap. */
export type TCaseloadPage = {
  /** asReferent: a person the actor is referent of (decision 027), not case manager. */
  rows: (TWithFacts<TCaseloadRow> & {
    personId: string;
    asReferent: boolean;
    hasCaseManager: boolean;
  })[];
  levels: Map<string, { level: TLevel; since: Date }>;
  /** The newest events of the caseload's timelines, newest first, before the guard filters them. */
  events: {
    id: number;
    personId: string;
    kind: string;
    at: Date;
    category: TEventCategory;
    data: TEventData;
  }[];
  levelSettings: TLevelSettings;
  cap: number;
};

type TEventData = Record<string, string | number | boolean | null>;
type TEventCategory = 'identity' | 'medical' | 'social' | 'administrative';

/** The caseload page from a row of MY_CASELOAD_PAGE or MY_CASELOAD_PAGE_WITH_SESSION. */
export function caseloadPageOf(actor: TActor, row: TCaseloadPageRow): TCaseloadPage {
  return {
    rows: caseloadRowsOf(actor, row.people).map((person, i) => ({
      ...person,
      asReferent: row.people[i]!.as_referent,
      hasCaseManager: row.people[i]!.case_manager_id !== null,
    })),
    levels: levelsOf(row.people),
    events: row.events.map((e) => ({
      id: Number(e.id),
      personId: e.personId,
      kind: e.kind,
      at: new Date(e.at),
      category: e.category,
      data: e.data,
    })),
    levelSettings: levelSettingsFrom(row.level_settings),
    cap: row.own_cap ?? caseloadCapFrom(row.network_cap),
  };
}

/** The actor's caseload page, in one statement (when the session was not read with it). */
export async function loadMyCaseloadPage(db: TDb, actor: TActor): Promise<TCaseloadPage> {
  const [row] = await runStatement<TCaseloadPageRow>(
    db,
    MY_CASELOAD_PAGE,
    factsParams(actor, new Date()),
  );
  return caseloadPageOf(actor, row!);
}

const isLevel = (value: string): value is TLevel => (LEVELS as readonly string[]).includes(value);

/** The level in force of each row that has one (read in the same statement as the row). */
function levelsOf(
  rows: readonly { person_id: string; level_in_force: string | null; level_at: string | null }[],
) {
  const levels = new Map<string, { level: TLevel; since: Date }>();
  for (const row of rows) {
    if (row.level_in_force && row.level_at && isLevel(row.level_in_force)) {
      levels.set(row.person_id, { level: row.level_in_force, since: new Date(row.level_at) });
    }
  }
  return levels;
}

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
 * The coordination team's workload board in ONE statement (issue 14, decisions 014 and 019):
 * - every case manager — a member who follows someone, or an active coordinator's member
 *   profile — with their own cap and how many people of each level their active caseload holds,
 *   counted in SQL over person_levels (each person's level in force, one row a person, kept by
 *   triggers on pathway_events: decision 026) rather than one timeline probe per managed person;
 * - the people with an open pathway and nobody answering for them (no case manager, and no
 *   referent or one kept after the level rose above liaison — decision 016: a referent stands in
 *   for a case manager at the liaison level only; 027), oldest first, at most 200, each with the
 *   actor's access facts, level and that referent;
 * - the network's cap setting.
 * Parameters: $1 user, $2 member, $3 now (factsParams).
 */
const WORKLOAD_BOARD = statement(
  'workload_board',
  `WITH counted AS (
     SELECT p.case_manager_id AS member_id,
            CASE WHEN pl.level IN ('liaison', 'coordination', 'integration') THEN pl.level
                 ELSE 'none' END AS level,
            count(*)::int AS n
       FROM persons p
       LEFT JOIN pathways pw ON pw.person_id = p.id
       LEFT JOIN person_levels pl ON pl.person_id = p.id
      WHERE p.case_manager_id IS NOT NULL AND p.merged_into_id IS NULL
        AND (pw.state IS NULL OR pw.state <> 'closed')
      GROUP BY 1, 2),
   by_manager AS (
     SELECT member_id, json_object_agg(level, n) AS by_level FROM counted GROUP BY member_id),
   managers AS (
     SELECT member_id FROM by_manager
     UNION SELECT member_id FROM users
            WHERE role = 'coordinator' AND status = 'active' AND member_id IS NOT NULL),
   u AS (
     SELECT ${ACCESS_FACT_COLUMNS}, ${CASELOAD_COLUMNS}, pw.opened_at,
            pl.level AS level_in_force, pl.at AS level_at,
            rm.id AS referent_id, rm.first_name AS referent_first_name,
            rm.last_name AS referent_last_name
       FROM persons p JOIN pathways pw ON pw.person_id = p.id
       LEFT JOIN person_levels pl ON pl.person_id = p.id
       LEFT JOIN members rm ON rm.id = pw.referent_member_id
      WHERE p.case_manager_id IS NULL AND p.merged_into_id IS NULL
        AND pw.state <> 'closed'
        AND (pw.referent_member_id IS NULL OR pl.level IS DISTINCT FROM 'liaison')
      ORDER BY pw.opened_at, p.id
      LIMIT 200)
   SELECT
     (SELECT value FROM network_settings WHERE key = '${CAP_KEY}') AS network_cap,
     COALESCE((SELECT json_agg(json_build_object(
                 'memberId', m.id, 'firstName', m.first_name, 'lastName', m.last_name,
                 'cap', cc.cap, 'byLevel', bm.by_level)
                 ORDER BY m.last_name, m.first_name, m.id)
                 FROM members m
                 LEFT JOIN caseload_caps cc ON cc.member_id = m.id
                 LEFT JOIN by_manager bm ON bm.member_id = m.id
                WHERE m.id IN (SELECT member_id FROM managers)), '[]'::json) AS managers,
     COALESCE((SELECT json_agg(u ORDER BY u.opened_at, u.person_id) FROM u),
              '[]'::json) AS unassigned`,
);

/** The same board read in the request's first statement with the session (decision 019). */
export const WORKLOAD_BOARD_WITH_SESSION = withLiveSession(
  'workload_board_with_session',
  WORKLOAD_BOARD,
);

/** A row of WORKLOAD_BOARD. */
export type TWorkloadBoardRow = {
  network_cap: unknown;
  managers: {
    memberId: string;
    firstName: string;
    lastName: string;
    cap: number | null;
    byLevel: Partial<Record<TLevel | 'none', number>> | null;
  }[];
  unassigned: (TFactsRow &
    TCaseloadColumns & {
      level_in_force: string | null;
      level_at: string | null;
      referent_id: string | null;
      referent_first_name: string | null;
      referent_last_name: string | null;
    })[];
};

/** The board as the service uses it. */
export type TWorkloadBoard = {
  defaultCap: number;
  managers: TWorkloadBoardRow['managers'];
  unassigned: (TWithFacts<TCaseloadRow> & { personId: string; referent: TMemberName | null })[];
  levels: Map<string, { level: TLevel; since: Date }>;
};

/** The board from a row of WORKLOAD_BOARD or WORKLOAD_BOARD_WITH_SESSION. */
export function workloadBoardOf(actor: TActor, row: TWorkloadBoardRow): TWorkloadBoard {
  return {
    defaultCap: caseloadCapFrom(row.network_cap),
    managers: row.managers,
    unassigned: caseloadRowsOf(actor, row.unassigned).map((person, i) => {
      const r = row.unassigned[i]!;
      return {
        ...person,
        referent: r.referent_id
          ? {
              id: r.referent_id,
              firstName: r.referent_first_name ?? '',
              lastName: r.referent_last_name ?? '',
            }
          : null,
      };
    }),
    levels: levelsOf(row.unassigned),
  };
}

/** The board, in one statement (when the session was not read with it). */
export async function loadWorkloadBoard(db: TDb, actor: TActor): Promise<TWorkloadBoard> {
  const [row] = await runStatement<TWorkloadBoardRow>(
    db,
    WORKLOAD_BOARD,
    factsParams(actor, new Date()),
  );
  return workloadBoardOf(actor, row!);
}
