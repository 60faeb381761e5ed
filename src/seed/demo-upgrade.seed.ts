import { and, eq, or, sql } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  appointments,
  directoryHistory,
  members,
  networkSettings,
  organisations,
  users,
} from '../db/schema/index.js';
import { appendAudit } from '../modules/audit/audit.repository.js';
import { reindexAround } from '../modules/directory/directory.repository.js';
import type { TOrganisationType } from '../modules/directory/directory.vocabulary.js';
import { withTransaction } from '../server/transaction.js';
import { seedDemoAgenda } from './demo-agenda.seed.js';
import { DEMO_MEMBERS } from './demo-directory.data.js';

/** The marker the demo seed writes; its value is the version of the demo data (decision 035). */
export const DEMO_SEED_KEY = 'demo_seed_version';
/** The advisory lock taken while seeding or upgrading the demo (the migrations take 7428001). */
export const DEMO_SEED_LOCK = 7428002;
/** The demo network's name, as its invitation mails say it. */
export const DEMO_NETWORK_NAME = 'Réseau de santé des Deux Rives';
/** The version a fresh demo seed writes: the upgrades below are already in its data. */
export const DEMO_SEED_VERSION = 3;
/** The demo patient's login (Jeanne Roux, the person the demo's agenda is about). */
export const DEMO_PATIENT_EMAIL = 'patient@reseau-demo.fr';
/** The demo members the agenda's appointments bring together (their keys in DEMO_MEMBERS). */
const AGENDA_MEMBER_KEYS = ['coordinator', 'professional', 'nurse', 'social'] as const;

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
 * Brings a demo network seeded by an earlier release up to DEMO_SEED_VERSION, each version's
 * step once (2: the directory's types, each change a new version of the entry with its history
 * row by nobody — the system — and the search index rebuilt around it; 3: the agenda), with one
 * audit row; the marker moves in the same transaction. Does nothing on a network that is not the
 * demo (no marker) or is already current.
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
    const changed = version < 2 ? await upgradeToVersion2(tx) : [];
    const appointmentsAdded = version < 3 ? await upgradeToVersion3(tx) : 0;
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
      details: {
        from: version,
        to: DEMO_SEED_VERSION,
        organisationsRetyped: changed.length,
        appointmentsAdded,
      },
    });
    return changed.length + appointmentsAdded;
  });
}

/** Version 2: the organisations retyped (RETYPED) and the network's name; the ids changed. */
async function upgradeToVersion2(tx: TDb): Promise<string[]> {
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
  return changed;
}

/**
 * Version 3: the demo's agenda (demo-agenda.seed.ts, decision 029) for a demo seeded before the
 * agenda came — only while the network has no appointment at all (a demo seeded with the agenda
 * but marked 2, or one whose users already plan, is left as it is), and only when Jeanne Roux and
 * the four demo members are still there. Returns how many appointments were written.
 */
async function upgradeToVersion3(tx: TDb): Promise<number> {
  const [any] = await tx.select({ id: appointments.id }).from(appointments).limit(1);
  if (any) return 0;
  const [patient] = await tx
    .select({ personId: users.personId })
    .from(users)
    .where(eq(users.email, DEMO_PATIENT_EMAIL));
  if (!patient?.personId) return 0;
  const wanted = DEMO_MEMBERS.filter((m) =>
    (AGENDA_MEMBER_KEYS as readonly string[]).includes(m.key ?? ''),
  );
  const found = await tx
    .select({ id: members.id, firstName: members.firstName, lastName: members.lastName })
    .from(members)
    .where(
      or(
        ...wanted.map((m) =>
          and(eq(members.firstName, m.firstName), eq(members.lastName, m.lastName)),
        ),
      ),
    );
  const memberIds = new Map<string, string>();
  for (const m of wanted) {
    const same = found.filter((f) => f.firstName === m.firstName && f.lastName === m.lastName);
    if (same.length === 1) memberIds.set(m.key!, same[0]!.id);
  }
  return seedDemoAgenda(tx, [patient.personId], memberIds);
}
