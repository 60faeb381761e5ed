import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  directoryHistory,
  memberOrganisations,
  members,
  organisations,
  services,
  users,
} from '../../db/schema/index.js';
import { indexMembers, indexOrganisations, indexServices } from './directory.indexer.js';

export type TEntityType = 'member' | 'organisation' | 'service';
export type TMemberRow = typeof members.$inferSelect;
export type TOrganisationRow = typeof organisations.$inferSelect;
export type TServiceRow = typeof services.$inferSelect;

/** A member by id. */
export async function findMemberRow(db: TDb, id: string): Promise<TMemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

/** An organisation by id. */
export async function findOrganisationRow(
  db: TDb,
  id: string,
): Promise<TOrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** A service by id. */
export async function findServiceRow(db: TDb, id: string): Promise<TServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row;
}

/** The organisations a member works in. */
export function findMemberOrganisations(db: TDb, memberId: string) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      commune: organisations.commune,
      roleTitle: memberOrganisations.roleTitle,
      canEditServices: memberOrganisations.canEditServices,
    })
    .from(memberOrganisations)
    .innerJoin(organisations, eq(organisations.id, memberOrganisations.organisationId))
    .where(eq(memberOrganisations.memberId, memberId))
    .orderBy(asc(organisations.name));
}

/** Who works in an organisation. */
export function findOrganisationMembers(db: TDb, organisationId: string) {
  return db
    .select({
      id: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
      roleTitle: memberOrganisations.roleTitle,
    })
    .from(memberOrganisations)
    .innerJoin(members, eq(members.id, memberOrganisations.memberId))
    .where(eq(memberOrganisations.organisationId, organisationId))
    .orderBy(asc(members.lastName), asc(members.firstName));
}

/** The services an organisation offers. */
export function findOrganisationServices(db: TDb, organisationId: string) {
  return db
    .select({
      id: services.id,
      name: services.name,
      accepting: services.accepting,
      careStreams: services.careStreams,
    })
    .from(services)
    .where(eq(services.organisationId, organisationId))
    .orderBy(asc(services.name));
}

/** Whether a member may edit the services of an organisation (declared by network staff). */
export async function canMemberEditServicesOf(db: TDb, memberId: string, organisationId: string) {
  const [row] = await db
    .select({ can: memberOrganisations.canEditServices })
    .from(memberOrganisations)
    .where(
      and(
        eq(memberOrganisations.memberId, memberId),
        eq(memberOrganisations.organisationId, organisationId),
      ),
    );
  return row?.can === true;
}

/** Replaces where a member works. */
export async function replaceMemberOrganisations(
  db: TDb,
  memberId: string,
  links: {
    organisationId: string;
    roleTitle?: string | null | undefined;
    canEditServices: boolean;
  }[],
): Promise<void> {
  await db.delete(memberOrganisations).where(eq(memberOrganisations.memberId, memberId));
  if (links.length) {
    await db.insert(memberOrganisations).values(
      links.map((l) => ({
        memberId,
        organisationId: l.organisationId,
        roleTitle: l.roleTitle ?? null,
        canEditServices: l.canEditServices,
      })),
    );
  }
}

/** Existing organisation ids among these. */
export async function existingOrganisationIds(db: TDb, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Appends one version to an entry's history. */
export async function insertHistory(
  db: TDb,
  values: typeof directoryHistory.$inferInsert,
): Promise<void> {
  await db.insert(directoryHistory).values(values);
}

/** The versions of an entry, newest first, with who made them. */
export function findHistory(db: TDb, entityType: TEntityType, entityId: string) {
  return db
    .select({
      version: directoryHistory.version,
      action: directoryHistory.action,
      changedAt: directoryHistory.changedAt,
      changedById: directoryHistory.changedBy,
      changedByName: users.displayName,
      changes: directoryHistory.changes,
    })
    .from(directoryHistory)
    .leftJoin(users, eq(users.id, directoryHistory.changedBy))
    .where(
      and(eq(directoryHistory.entityType, entityType), eq(directoryHistory.entityId, entityId)),
    )
    .orderBy(desc(directoryHistory.version), desc(directoryHistory.changedAt));
}

/** Rebuilds the search rows that show this entry (members show their organisations and services). */
export async function reindexAround(db: TDb, type: TEntityType, id: string): Promise<void> {
  if (type === 'member') return indexMembers(db, [id]);
  const organisationId =
    type === 'organisation' ? id : (await findServiceRow(db, id))?.organisationId;
  if (!organisationId) return;
  if (type === 'service') await indexServices(db, [id]);
  const offered = await findOrganisationServices(db, organisationId);
  if (type === 'organisation')
    await indexServices(
      db,
      offered.map((s) => s.id),
    );
  await indexOrganisations(db, [organisationId]);
  const staff = await findOrganisationMembers(db, organisationId);
  await indexMembers(
    db,
    staff.map((m) => m.id),
  );
}

/** Who verified an entry last, as shown on its profile; null when unknown or the account is gone. */
export async function findVerifier(db: TDb, userId: string | null) {
  if (!userId) return null;
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
