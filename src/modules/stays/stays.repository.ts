import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { hospitalStays, organisations, persons, users } from '../../db/schema/index.js';

export type TStayRow = typeof hospitalStays.$inferSelect;

/** The person's stays, newest first, with the facility's name and who recorded each step. */
export async function listStays(db: TDb, personId: string) {
  const admittedBy = sql<
    string | null
  >`(SELECT display_name FROM users WHERE id = ${hospitalStays.admittedByUserId})`;
  const dischargedBy = sql<
    string | null
  >`(SELECT display_name FROM users WHERE id = ${hospitalStays.dischargedByUserId})`;
  return db
    .select({
      stay: hospitalStays,
      organisationName: organisations.name,
      admittedBy,
      dischargedBy,
    })
    .from(hospitalStays)
    .leftJoin(organisations, eq(organisations.id, hospitalStays.facilityOrganisationId))
    .where(eq(hospitalStays.personId, personId))
    .orderBy(desc(hospitalStays.admittedAt), desc(hospitalStays.createdAt))
    .limit(100);
}

/** The person's open stay, locked (a discharge and an admission queue behind each other). */
export async function findOpenStay(db: TDb, personId: string): Promise<TStayRow | undefined> {
  const [row] = await db
    .select()
    .from(hospitalStays)
    .where(and(eq(hospitalStays.personId, personId), isNull(hospitalStays.dischargedAt)))
    .for('update');
  return row;
}

export async function lockStay(db: TDb, personId: string, stayId: string) {
  const [row] = await db
    .select()
    .from(hospitalStays)
    .where(and(eq(hospitalStays.id, stayId), eq(hospitalStays.personId, personId)))
    .for('update');
  return row;
}

/** Locks the person's row: two admissions of one person queue, the second sees the first. */
export async function lockPersonRow(db: TDb, personId: string): Promise<void> {
  await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update');
}

export async function organisationExists(db: TDb, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row !== undefined;
}

export async function insertStay(db: TDb, values: typeof hospitalStays.$inferInsert) {
  const [row] = await db.insert(hospitalStays).values(values).returning();
  return row!;
}

export async function updateDischarge(
  db: TDb,
  stayId: string,
  values: {
    dischargedAt: Date;
    dischargeDestination: NonNullable<TStayRow['dischargeDestination']>;
    dischargePlanned: boolean;
    dischargedByUserId: string;
  },
) {
  const [row] = await db
    .update(hospitalStays)
    .set(values)
    .where(and(eq(hospitalStays.id, stayId), isNull(hospitalStays.dischargedAt)))
    .returning();
  return row;
}

/**
 * The accounts of the person's care team and case manager (active accounts of active members),
 * but the actor's own: who is told of a discharge.
 */
export async function findTeamAccounts(db: TDb, personId: string, exceptUserId: string) {
  const team = await db
    .selectDistinct({ userId: users.id })
    .from(users)
    .where(
      and(
        eq(users.status, 'active'),
        ne(users.id, exceptUserId),
        sql`${users.memberId} IN (
          SELECT member_id FROM care_team_members
           WHERE person_id = ${personId} AND until IS NULL
          UNION SELECT case_manager_id FROM persons WHERE id = ${personId}
            AND case_manager_id IS NOT NULL)`,
      ),
    );
  return team.map((row) => row.userId);
}
