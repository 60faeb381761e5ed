import { desc, eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { integrationLevelOverrides, users } from '../../db/schema/index.js';
import type { TLevel } from './integration-level.js';

export type TLevelOverrideRow = {
  id: string;
  level: TLevel | null;
  justification: string;
  by: string;
  at: Date;
};

/** The person's latest override of the integration level (a null level: back to computed). */
export async function findLatestOverride(
  tx: TDb,
  personId: string,
): Promise<TLevelOverrideRow | undefined> {
  const [row] = await tx
    .select({
      id: integrationLevelOverrides.id,
      level: integrationLevelOverrides.level,
      justification: integrationLevelOverrides.justification,
      by: users.displayName,
      at: integrationLevelOverrides.createdAt,
    })
    .from(integrationLevelOverrides)
    .innerJoin(users, eq(users.id, integrationLevelOverrides.createdBy))
    .where(eq(integrationLevelOverrides.personId, personId))
    .orderBy(desc(integrationLevelOverrides.createdAt), desc(integrationLevelOverrides.id))
    .limit(1);
  return row;
}

/** Records an override (or, with a null level, the return to the computed level). */
export async function insertOverride(
  tx: TDb,
  values: { personId: string; level: TLevel | null; justification: string; createdBy: string },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx
    .insert(integrationLevelOverrides)
    // The application's clock, as assessments' completedAt it is compared with.
    .values({ ...values, createdAt: new Date() })
    .returning({
      id: integrationLevelOverrides.id,
      createdAt: integrationLevelOverrides.createdAt,
    });
  return row!;
}
