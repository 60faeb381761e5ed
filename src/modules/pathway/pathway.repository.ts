import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import { members, pathwayEvents, pathwayHistory, pathways, users } from '../../db/schema/index.js';
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
  const rows = await db
    .selectDistinctOn([pathwayEvents.personId], {
      personId: pathwayEvents.personId,
      level: sql<
        string | null
      >`COALESCE(${pathwayEvents.data}->>'level', ${pathwayEvents.data}->>'computedLevel')`,
      at: pathwayEvents.at,
    })
    .from(pathwayEvents)
    .where(
      and(
        inArray(pathwayEvents.personId, [...personIds]),
        inArray(pathwayEvents.kind, LEVEL_EVENT_KINDS),
      ),
    )
    .orderBy(pathwayEvents.personId, desc(pathwayEvents.at), desc(pathwayEvents.id));
  for (const row of rows) {
    if (row.personId && row.level && (LEVELS as readonly string[]).includes(row.level)) {
      levels.set(row.personId, { level: row.level as TLevel, since: row.at });
    }
  }
  return levels;
}

const LEVEL_EVENT_KINDS = ['level.computed', 'level.overridden', 'level.override_removed'];
