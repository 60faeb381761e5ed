import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { members, pathwayHistory, pathways, users } from '../../db/schema/index.js';
import { LEVELS, type TLevel } from '../assessments/integration-level.js';

export type TPathwayRow = typeof pathways.$inferSelect;

/** The person's pathway, if one is open. */
export async function findPathwayOf(db: TDb, personId: string): Promise<TPathwayRow | undefined> {
  const [row] = await db.select().from(pathways).where(eq(pathways.personId, personId));
  return row;
}

/** Opens a pathway in the 'assessing' state (one per person: the caller checks there is none). */
export async function insertPathway(
  db: TDb,
  values: {
    personId: string;
    assessorMemberId: string;
    supportRequestId: string;
    openedByUserId: string;
    openedAt?: Date;
  },
): Promise<TPathwayRow> {
  const [row] = await db.insert(pathways).values(values).returning();
  return row!;
}

/** Names another assessor on an open pathway (a person already followed, asking again). */
export async function setPathwayAssessor(
  db: TDb,
  pathwayId: string,
  assessorMemberId: string,
): Promise<void> {
  await db.update(pathways).set({ assessorMemberId }).where(eq(pathways.id, pathwayId));
}

/** The columns a transition sets. */
export type TPathwayStateValues = {
  state: TPathwayRow['state'];
  stateByUserId: string;
  stateReason: string | null;
  expectedEnd: string | null;
  closeReason: TPathwayRow['closeReason'];
  level: TPathwayRow['level'];
  stateSince: Date;
};

/**
 * Moves the pathway to a new state if it is still at the version the caller read; undefined when
 * someone moved it meanwhile (the caller answers 409).
 */
export async function updatePathwayState(
  db: TDb,
  pathway: { id: string; version: number },
  values: TPathwayStateValues,
): Promise<TPathwayRow | undefined> {
  const [row] = await db
    .update(pathways)
    .set({ ...values, version: sql`${pathways.version} + 1` })
    .where(and(eq(pathways.id, pathway.id), eq(pathways.version, pathway.version)))
    .returning();
  return row;
}

/** Names (or removes) the referent professional of a pathway at the version read. */
export async function updatePathwayReferent(
  db: TDb,
  pathway: { id: string; version: number },
  referentMemberId: string | null,
): Promise<TPathwayRow | undefined> {
  const [row] = await db
    .update(pathways)
    .set({ referentMemberId, version: sql`${pathways.version} + 1` })
    .where(and(eq(pathways.id, pathway.id), eq(pathways.version, pathway.version)))
    .returning();
  return row;
}

/** One line of a person's pathway history (who, when, why). */
export async function insertPathwayHistory(
  db: TDb,
  values: typeof pathwayHistory.$inferInsert,
): Promise<typeof pathwayHistory.$inferSelect> {
  const [row] = await db.insert(pathwayHistory).values(values).returning();
  return row!;
}

/** A person's pathway history, newest first, with the names of the members and users it names. */
export async function findPathwayHistory(db: TDb, personId: string, limit = 50) {
  const from = alias(members, 'from_member');
  const to = alias(members, 'to_member');
  return db
    .select({
      id: pathwayHistory.id,
      kind: pathwayHistory.kind,
      fromState: pathwayHistory.fromState,
      toState: pathwayHistory.toState,
      fromMember: { id: from.id, firstName: from.firstName, lastName: from.lastName },
      toMember: { id: to.id, firstName: to.firstName, lastName: to.lastName },
      reason: pathwayHistory.reason,
      expectedEnd: pathwayHistory.expectedEnd,
      closeReason: pathwayHistory.closeReason,
      level: pathwayHistory.level,
      forced: pathwayHistory.forced,
      by: users.displayName,
      at: pathwayHistory.at,
    })
    .from(pathwayHistory)
    .leftJoin(from, eq(from.id, pathwayHistory.fromMemberId))
    .leftJoin(to, eq(to.id, pathwayHistory.toMemberId))
    .leftJoin(users, eq(users.id, pathwayHistory.byUserId))
    .where(eq(pathwayHistory.personId, personId))
    .orderBy(desc(pathwayHistory.at))
    .limit(limit);
}

/**
 * The integration level in force for each person, from their latest level event (a computed
 * level, an override, an override removed): the events are written when the level in force
 * moves, so the latest one says it, with the time it began (decision 016).
 */
export async function findLevelsInForce(
  db: TDb,
  personIds: readonly string[],
): Promise<Map<string, { level: TLevel; since: Date }>> {
  const levels = new Map<string, { level: TLevel; since: Date }>();
  if (!personIds.length) return levels;
  const rows = await runStatement<{ person_id: string; level: string | null; at: Date | string }>(
    db,
    LEVELS_IN_FORCE,
    [[...personIds]],
  );
  for (const row of rows) {
    if (row.level && (LEVELS as readonly string[]).includes(row.level)) {
      levels.set(row.person_id, { level: row.level as TLevel, since: new Date(row.at) });
    }
  }
  return levels;
}

/** The kinds of the level events; pathway_events_level_idx is limited to them (same list). */
export const LEVEL_EVENT_SQL = `kind IN ('level.computed', 'level.overridden', 'level.override_removed')`;

/** The latest level event of one person, through pathway_events_level_idx (one index probe). */
export const LATEST_LEVEL_SQL = (
  personId: string,
) => `SELECT COALESCE(e.data->>'level', e.data->>'computedLevel') AS level, e.at
     FROM pathway_events e
    WHERE e.person_id = ${personId} AND e.${LEVEL_EVENT_SQL}
    ORDER BY e.at DESC, e.id DESC LIMIT 1`;

/** Each person's latest level event: a probe of the partial index per person (issue 14). */
const LEVELS_IN_FORCE = statement(
  'levels_in_force',
  `SELECT ids.id AS person_id, lv.level, lv.at
     FROM unnest($1::uuid[]) AS ids(id)
     CROSS JOIN LATERAL (${LATEST_LEVEL_SQL('ids.id')}) lv`,
);
