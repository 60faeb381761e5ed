import type { TDb } from '../../src/db/client.js';
import { pathwayEvents, pathways } from '../../src/db/schema/index.js';
import type { TLevel } from '../../src/modules/assessments/integration-level.js';
import type { TPathwayState } from '../../src/modules/pathway/pathway.states.js';

/** Gives the person an integration level in force, as a completed assessment would (its event). */
export async function giveLevel(db: TDb, personId: string, level: TLevel, at = new Date()) {
  await db.insert(pathwayEvents).values({
    personId,
    kind: 'level.computed',
    category: 'social',
    sourceTable: 'assessments',
    sourceId: personId,
    data: { level, previousLevel: null },
    at,
  });
}

/** A pathway in a given state (assessing by default), optionally with a level in force. */
export async function buildPathway(
  db: TDb,
  personId: string,
  options: { state?: TPathwayState; level?: TLevel; referentMemberId?: string } = {},
) {
  if (options.level) await giveLevel(db, personId, options.level);
  const [row] = await db
    .insert(pathways)
    .values({
      personId,
      state: options.state ?? 'assessing',
      level: options.state === 'active' ? (options.level ?? null) : null,
      referentMemberId: options.referentMemberId ?? null,
    })
    .returning();
  return row!;
}
