import { and, asc, desc, eq, getTableColumns, inArray, sql, type Placeholder } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import { preparedOn } from '../../db/prepared.js';
import {
  directoryHistory,
  directoryIndex,
  memberOrganisations,
  members,
  organisations,
  services,
  users,
} from '../../db/schema/index.js';
import { staleDaysValue } from './directory.freshness.js';
import { indexMembers, indexOrganisations, indexServices } from './directory.indexer.js';
import {
  sharesCareTeamWithMember,
  sharesCareTeamWithOrganisation,
} from './directory.visibility.js';

export type TEntityType = 'member' | 'organisation' | 'service';
export type TMemberRow = typeof members.$inferSelect;
export type TOrganisationRow = typeof organisations.$inferSelect;
export type TServiceRow = typeof services.$inferSelect;

/** A member by id. */
export async function findMemberRow(db: TDb, id: string): Promise<TMemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.id, id));
  return row;
}

/** A member by id, its row locked for a change without waiting (55P03 when another holds it). */
export async function lockMemberRow(db: TDb, id: string): Promise<TMemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(eq(members.id, id))
    .for('update', { noWait: true });
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

const VERSIONED = { member: members, organisation: organisations, service: services } as const;

/**
 * Locks an entry's row for the change about to be written, without waiting (FOR UPDATE NOWAIT),
 * and returns its version then; undefined if it no longer exists. Fails with SQLSTATE 55P03 when
 * another change of the entry holds the lock (decision 055).
 */
export async function lockEntryVersion(
  db: TDb,
  type: TEntityType,
  id: string,
): Promise<number | undefined> {
  const table = VERSIONED[type];
  const [row] = await db
    .select({ version: table.version })
    .from(table)
    .where(eq(table.id, id))
    .for('update', { noWait: true });
  return row?.version;
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

/** Whether a member may edit the services of an organisation where another member works. */
export async function editsWorkplaceOf(db: TDb, editorMemberId: string, memberId: string) {
  const mine = alias(memberOrganisations, 'mine');
  const rows = await db
    .select({ one: sql`1` })
    .from(memberOrganisations)
    .innerJoin(mine, eq(mine.organisationId, memberOrganisations.organisationId))
    .where(
      and(
        eq(memberOrganisations.memberId, memberId),
        eq(mine.memberId, editorMemberId),
        eq(mine.canEditServices, true),
      ),
    )
    .limit(1);
  return rows.length > 0;
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

/**
 * Whether the reader's member profile shares an active care team with an entry: the member, or
 * someone working at the organisation (decision 034).
 */
export async function readerSharesCareTeam(
  db: TDb,
  readerMemberId: string | null,
  type: TEntityType,
  memberOrOrganisationId: string,
): Promise<boolean> {
  if (!readerMemberId) return false;
  const [row] =
    type === 'member'
      ? await db
          .select({ shares: sharesCareTeamWithMember(readerMemberId, 'members.id') })
          .from(members)
          .where(eq(members.id, memberOrOrganisationId))
      : await db
          .select({ shares: sharesCareTeamWithOrganisation(readerMemberId, 'organisations.id') })
          .from(organisations)
          .where(eq(organisations.id, memberOrOrganisationId));
  return row?.shares === true;
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

/**
 * Confirming an entry changes only its freshness, and the only freshness the search index holds is
 * the entry's own row's verified_at (the indexer copies it from the entry; no other row, card or
 * word depends on it): one row updated instead of rebuilding every row that shows the entry
 * (decision 043). Verified against a full rebuild in directory.verify.test.ts.
 */
export async function refreshIndexedFreshness(
  db: TDb,
  type: TEntityType,
  id: string,
  verifiedAt: Date,
): Promise<void> {
  await db
    .update(directoryIndex)
    .set({ verifiedAt })
    .where(and(eq(directoryIndex.entityType, type), eq(directoryIndex.entityId, id)));
}

/*
 * The three profile pages, each in ONE statement (issue 12): the entry, what it links to (as JSON
 * aggregates), who verified it last, the network's freshness threshold and the fact the edit
 * policy needs (whether the reader's member profile may edit the organisation's services) —
 * where they took five to seven round trips, one per piece.
 */

/*
 * Drizzle writes a column of the queried table unqualified inside a select's sql (`"id"`), which a
 * subquery would take for its own table's column: the outer columns are written out in full.
 */

/** Who verified an entry last (id and name), or null: a column beside the entry. */
const verifierOf = (verifiedBy: string) =>
  sql<{
    id: string;
    displayName: string;
  } | null>`(SELECT json_build_object('id', u.id, 'displayName', u.display_name) FROM users u WHERE u.id = ${sql.raw(verifiedBy)})`;

/** Whether the member (null: none) may edit the organisation's services (declared by staff). */
const memberEditsServicesOf = (memberId: Placeholder, organisationId: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM member_organisations mo WHERE mo.member_id = ${memberId}::uuid AND mo.organisation_id = ${sql.raw(organisationId)} AND mo.can_edit_services)`;

/*
 * Each profile statement is prepared under its name (decision 043): PostgreSQL plans it once per
 * connection instead of on every page — planning took 1.3 ms of the member page's 1.5 ms on the
 * region data. The entry and the reader come as placeholders.
 */
const ID = sql.placeholder('id');
const READER = sql.placeholder('reader');

const memberProfileQuery = (db: TDb) =>
  db
    .select({
      ...getTableColumns(members),
      organisations: sql<
        {
          id: string;
          name: string;
          type: string;
          commune: string | null;
          roleTitle: string | null;
          canEditServices: boolean;
        }[]
      >`COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'type', o.type, 'commune', o.commune, 'roleTitle', mo.role_title, 'canEditServices', mo.can_edit_services) ORDER BY o.name, o.id) FROM member_organisations mo JOIN organisations o ON o.id = mo.organisation_id WHERE mo.member_id = members.id), '[]'::json)`,
      verifier: verifierOf('members.verified_by'),
      acceptingConfirmer: verifierOf('members.accepting_confirmed_by'),
      staleDaysSetting: staleDaysValue,
      readerSharesCareTeam: sharesCareTeamWithMember(READER, 'members.id'),
      readerEditsWorkplace: sql<boolean>`EXISTS (SELECT 1 FROM member_organisations target JOIN member_organisations mine ON mine.organisation_id = target.organisation_id WHERE target.member_id = members.id AND mine.member_id = ${READER}::uuid AND mine.can_edit_services)`,
    })
    .from(members)
    .where(eq(members.id, ID))
    .prepare('directory_member_profile');

/** A member's profile row: the member, their workplaces, verifier and the freshness setting. */
export async function loadMemberProfile(db: TDb, id: string, readerMemberId: string | null) {
  const query = preparedOn(db, 'member', memberProfileQuery);
  const [row] = await query.execute({ id, reader: readerMemberId });
  return row;
}

const organisationProfileQuery = (db: TDb) =>
  db
    .select({
      ...getTableColumns(organisations),
      members: sql<
        {
          id: string;
          firstName: string;
          lastName: string;
          profession: string;
          roleTitle: string | null;
        }[]
      >`COALESCE((SELECT json_agg(json_build_object('id', m.id, 'firstName', m.first_name, 'lastName', m.last_name, 'profession', m.profession, 'roleTitle', mo.role_title) ORDER BY m.last_name, m.first_name, m.id) FROM member_organisations mo JOIN members m ON m.id = mo.member_id WHERE mo.organisation_id = organisations.id), '[]'::json)`,
      services: sql<
        {
          id: string;
          name: string;
          accepting: 'yes' | 'no' | 'conditions';
          careStreams: string[];
        }[]
      >`COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'accepting', s.accepting, 'careStreams', s.care_streams) ORDER BY s.name, s.id) FROM services s WHERE s.organisation_id = organisations.id), '[]'::json)`,
      verifier: verifierOf('organisations.verified_by'),
      staleDaysSetting: staleDaysValue,
      readerEditsServices: memberEditsServicesOf(READER, 'organisations.id'),
      readerSharesCareTeam: sharesCareTeamWithOrganisation(READER, 'organisations.id'),
    })
    .from(organisations)
    .where(eq(organisations.id, ID))
    .prepare('directory_organisation_profile');

/**
 * An organisation's profile row: the organisation, its staff, its services, verifier, the
 * freshness setting, and whether the reader's member profile may edit its services.
 */
export async function loadOrganisationProfile(db: TDb, id: string, readerMemberId: string | null) {
  const query = preparedOn(db, 'organisation', organisationProfileQuery);
  const [row] = await query.execute({ id, reader: readerMemberId });
  return row;
}

const serviceProfileQuery = (db: TDb) =>
  db
    .select({
      ...getTableColumns(services),
      organisation: {
        id: organisations.id,
        name: organisations.name,
        type: organisations.type,
        commune: organisations.commune,
        phone: organisations.phone,
        phoneVisibility: organisations.phoneVisibility,
      },
      verifier: verifierOf('services.verified_by'),
      staleDaysSetting: staleDaysValue,
      readerEditsServices: memberEditsServicesOf(READER, 'services.organisation_id'),
      readerSharesCareTeam: sharesCareTeamWithOrganisation(READER, 'services.organisation_id'),
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(services.id, ID))
    .prepare('directory_service_profile');

/**
 * A service's profile row: the service, its organisation's name and contact, verifier, the
 * freshness setting, and whether the reader's member profile may edit the organisation's services.
 */
export async function loadServiceProfile(db: TDb, id: string, readerMemberId: string | null) {
  const query = preparedOn(db, 'service', serviceProfileQuery);
  const [row] = await query.execute({ id, reader: readerMemberId });
  return row;
}
