import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { pathways } from '../../db/schema/index.js';

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
