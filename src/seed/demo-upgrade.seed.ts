import { and, eq, sql } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { directoryHistory, networkSettings, organisations } from '../db/schema/index.js';
import { appendAudit } from '../modules/audit/audit.repository.js';
import { reindexAround } from '../modules/directory/directory.repository.js';
import type { TOrganisationType } from '../modules/directory/directory.vocabulary.js';
import { withTransaction } from '../server/transaction.js';

/** The marker the demo seed writes; its value is the version of the demo data (decision 035). */
export const DEMO_SEED_KEY = 'demo_seed_version';
/** The advisory lock taken while seeding or upgrading the demo (the migrations take 7428001). */
export const DEMO_SEED_LOCK = 7428002;
/** The demo network's name, as its invitation mails say it. */
export const DEMO_NETWORK_NAME = 'Réseau de santé des Deux Rives';
/** The version a fresh demo seed writes: the upgrades below are already in its data. */
export const DEMO_SEED_VERSION = 2;

/**
 * Version 2: organisation types the vocabulary lacked when the demo was first seeded, and the
 * network's name (unless an admin set one). Only an
 * organisation still named and typed as the demo made it is changed: one a network retyped or
 * renamed itself is left as it is.
 */
const RETYPED: readonly { name: string; from: TOrganisationType; to: TOrganisationType }[] = [
  { name: 'HAD Deux Rives — Hospitalisation à domicile', from: 'home_nursing', to: 'had' },
  { name: 'Cabinet infirmier des Remparts', from: 'other', to: 'nursing_practice' },
  { name: 'Cabinet de kinésithérapie du Pont', from: 'other', to: 'therapy_practice' },
  { name: 'Cabinet médical des Acacias', from: 'other', to: 'medical_practice' },
];

/**
 * Brings a demo network seeded by an earlier release up to DEMO_SEED_VERSION: each change is a
 * new version of the entry with its history row (by nobody: the system), the search index
 * rebuilt around it, and one audit row; the marker moves in the same transaction. Does nothing on
 * a network that is not the demo (no marker) or is already current.
 */
export async function upgradeDemoNetwork(db: TDb): Promise<number> {
  const versionOf = async (tx: TDb) => {
    const [marker] = await tx
      .select()
      .from(networkSettings)
      .where(eq(networkSettings.key, DEMO_SEED_KEY));
    return marker ? Number(marker.value) : null;
  };
  const found = await versionOf(db);
  if (found === null || found >= DEMO_SEED_VERSION) return 0;
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const version = await versionOf(tx);
    if (version === null || version >= DEMO_SEED_VERSION) return 0;
    const changed: string[] = [];
    for (const { name, from, to } of RETYPED) {
      const rows = await tx
        .update(organisations)
        .set({ type: to, version: sql`${organisations.version} + 1`, updatedAt: new Date() })
        .where(and(eq(organisations.name, name), eq(organisations.type, from)))
        .returning({ id: organisations.id, version: organisations.version });
      for (const row of rows) {
        await tx.insert(directoryHistory).values({
          entityType: 'organisation',
          entityId: row.id,
          version: row.version,
          action: 'update',
          changedBy: null,
          changes: { type: { from, to } },
        });
        await reindexAround(tx, 'organisation', row.id);
        changed.push(row.id);
      }
    }
    await tx
      .insert(networkSettings)
      .values({ key: 'network_name', value: DEMO_NETWORK_NAME })
      .onConflictDoNothing();
    await tx
      .update(networkSettings)
      .set({ value: DEMO_SEED_VERSION, updatedAt: new Date() })
      .where(eq(networkSettings.key, DEMO_SEED_KEY));
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'system.upgrade_demo',
      resourceType: 'network',
      outcome: 'success',
      details: { from: version, to: DEMO_SEED_VERSION, organisationsRetyped: changed.length },
    });
    return changed.length;
  });
}
