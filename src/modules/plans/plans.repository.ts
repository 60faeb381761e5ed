import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  assessments,
  carePlans,
  carePlanVersions,
  members,
  persons,
  services,
  users,
} from '../../db/schema/index.js';

export type TCarePlanRow = typeof carePlans.$inferSelect;

/** The person's plan, locked for the save when asked (one save at a time per plan). */
export async function findPlan(
  db: TDb,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<TCarePlanRow | undefined> {
  const query = db.select().from(carePlans).where(eq(carePlans.personId, personId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Creates the person's plan at version 1, or nothing when a concurrent save created it first. */
export async function insertPlan(
  db: TDb,
  values: { personId: string; at: Date },
): Promise<TCarePlanRow | undefined> {
  const [row] = await db
    .insert(carePlans)
    .values({
      personId: values.personId,
      currentVersion: 1,
      lastReviewedAt: values.at,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Moves the plan's pointer to its new current version. */
export async function setCurrentVersion(
  db: TDb,
  planId: string,
  values: { version: number; at: Date; reviewed: boolean },
): Promise<void> {
  await db
    .update(carePlans)
    .set({
      currentVersion: values.version,
      updatedAt: values.at,
      ...(values.reviewed ? { lastReviewedAt: values.at } : {}),
    })
    .where(eq(carePlans.id, planId));
}

/** Stores one version (never updated afterwards). */
export async function insertVersion(
  db: TDb,
  values: typeof carePlanVersions.$inferInsert,
): Promise<void> {
  await db.insert(carePlanVersions).values(values);
}

/** One version of a plan with the name of who saved it. */
export async function findVersion(db: TDb, planId: string, version: number) {
  const [row] = await db
    .select({
      version: carePlanVersions.version,
      content: carePlanVersions.content,
      isReview: carePlanVersions.isReview,
      savedAt: carePlanVersions.savedAt,
      savedBy: users.displayName,
    })
    .from(carePlanVersions)
    .innerJoin(users, eq(users.id, carePlanVersions.savedBy))
    .where(and(eq(carePlanVersions.planId, planId), eq(carePlanVersions.version, version)));
  return row;
}

/** Every version of a plan, newest first, without their content. */
export async function listVersions(db: TDb, planId: string) {
  return db
    .select({
      version: carePlanVersions.version,
      isReview: carePlanVersions.isReview,
      savedAt: carePlanVersions.savedAt,
      savedBy: users.displayName,
    })
    .from(carePlanVersions)
    .innerJoin(users, eq(users.id, carePlanVersions.savedBy))
    .where(eq(carePlanVersions.planId, planId))
    .orderBy(desc(carePlanVersions.version));
}

/** The names of the members and services a plan points at (those that exist). */
export async function findNames(db: TDb, memberIds: string[], serviceIds: string[]) {
  const memberRows = memberIds.length
    ? await db
        .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
        .from(members)
        .where(inArray(members.id, memberIds))
    : [];
  const serviceRows = serviceIds.length
    ? await db
        .select({ id: services.id, name: services.name })
        .from(services)
        .where(inArray(services.id, serviceIds))
        .orderBy(asc(services.name))
    : [];
  return [
    ...memberRows.map((row) => ({ id: row.id, name: `${row.firstName} ${row.lastName}` })),
    ...serviceRows,
  ];
}

/** The person's assessments among these ids, with the instrument each was made with. */
export async function findPersonAssessments(db: TDb, personId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: assessments.id,
      instrumentId: assessments.instrumentId,
      instrumentVersion: assessments.instrumentVersion,
    })
    .from(assessments)
    .where(and(eq(assessments.personId, personId), inArray(assessments.id, ids)));
}

/** The name and birth date printed at the head of the plan. */
export async function findPersonHeading(db: TDb, personId: string) {
  const [row] = await db
    .select({
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthDate: persons.birthDate,
    })
    .from(persons)
    .where(eq(persons.id, personId));
  return row;
}
