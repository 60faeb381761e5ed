import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { DOWNLOAD_COLUMNS } from '../attachments/attachments.js';
import {
  attachments,
  careTeamMembers,
  memberOrganisations,
  members,
  organisations,
  persons,
  referralRecipients,
  referrals,
  services,
  supportRequests,
  users,
} from '../../db/schema/index.js';
import { REFERRAL_DELAYS_MS, type TReferralUrgency } from './referrals.states.js';

export type TReferralRow = typeof referrals.$inferSelect;
export type TRecipientRow = typeof referralRecipients.$inferSelect;

export async function insertReferralRow(
  db: TDb,
  values: typeof referrals.$inferInsert,
): Promise<TReferralRow> {
  const [row] = await db.insert(referrals).values(values).returning();
  return row!;
}

export async function insertRecipients(
  db: TDb,
  referralId: string,
  targets: readonly ({ serviceId: string } | { memberId: string })[],
): Promise<TRecipientRow[]> {
  return db
    .insert(referralRecipients)
    .values(targets.map((target) => ({ referralId, ...target })))
    .returning();
}

/** The referral, locked until the transaction ends: two answers to it run one after the other. */
export async function lockReferral(db: TDb, id: string): Promise<TReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id)).for('update');
  return row;
}

export async function findReferral(db: TDb, id: string): Promise<TReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

export async function updateReferral(
  db: TDb,
  id: string,
  values: Partial<typeof referrals.$inferInsert>,
): Promise<void> {
  await db.update(referrals).set(values).where(eq(referrals.id, id));
}

export async function updateRecipient(
  db: TDb,
  id: string,
  values: Partial<typeof referralRecipients.$inferInsert>,
): Promise<void> {
  await db.update(referralRecipients).set(values).where(eq(referralRecipients.id, id));
}

/** Every recipient of the referrals, with the name the screens show (service and structure, or member). */
export function findRecipientsOf(db: TDb, referralIds: readonly string[]) {
  if (referralIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      row: referralRecipients,
      serviceName: services.name,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      memberFirstName: members.firstName,
      memberLastName: members.lastName,
      memberProfession: members.profession,
    })
    .from(referralRecipients)
    .leftJoin(services, eq(services.id, referralRecipients.serviceId))
    .leftJoin(organisations, eq(organisations.id, services.organisationId))
    .leftJoin(members, eq(members.id, referralRecipients.memberId))
    .where(inArray(referralRecipients.referralId, [...referralIds]))
    .orderBy(asc(referralRecipients.id));
}
export type TRecipientWithName = Awaited<ReturnType<typeof findRecipientsOf>>[number];

/**
 * The recipients of a referral a member answers for: a service of an organisation they work at,
 * or themselves. Empty without a member profile.
 */
export async function findRecipientsAnsweredBy(
  db: TDb,
  memberId: string | null,
  referralIds: readonly string[],
): Promise<TRecipientRow[]> {
  if (!memberId || referralIds.length === 0) return [];
  const rows = await db
    .select({ row: referralRecipients })
    .from(referralRecipients)
    .leftJoin(services, eq(services.id, referralRecipients.serviceId))
    .leftJoin(
      memberOrganisations,
      and(
        eq(memberOrganisations.organisationId, services.organisationId),
        eq(memberOrganisations.memberId, memberId),
      ),
    )
    .where(
      and(
        inArray(referralRecipients.referralId, [...referralIds]),
        or(
          eq(referralRecipients.memberId, memberId),
          sql`${memberOrganisations.memberId} is not null`,
        ),
      ),
    );
  return rows.map((r) => r.row);
}

/** The referrals addressed to a member (as themselves or through their organisations), newest first. */
export async function findInboxReferralIds(db: TDb, memberId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: referrals.id, createdAt: referrals.createdAt })
    .from(referralRecipients)
    .innerJoin(referrals, eq(referrals.id, referralRecipients.referralId))
    .leftJoin(services, eq(services.id, referralRecipients.serviceId))
    .leftJoin(
      memberOrganisations,
      and(
        eq(memberOrganisations.organisationId, services.organisationId),
        eq(memberOrganisations.memberId, memberId),
      ),
    )
    .where(
      or(
        eq(referralRecipients.memberId, memberId),
        sql`${memberOrganisations.memberId} is not null`,
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(200);
  return rows.map((r) => r.id);
}

export function findReferralsByIds(db: TDb, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(referrals)
    .where(inArray(referrals.id, [...ids]))
    .orderBy(desc(referrals.createdAt));
}

export function findReferralsOfPerson(db: TDb, personId: string) {
  return db
    .select()
    .from(referrals)
    .where(eq(referrals.personId, personId))
    .orderBy(desc(referrals.createdAt));
}

/**
 * Who the referral is about, as a recipient reads it to decide: the followed person's record, or
 * (personless) the naming of the request for support it came from.
 */
export async function findSubjectsOf(
  db: TDb,
  rows: readonly Pick<TReferralRow, 'id' | 'personId' | 'supportRequestId'>[],
): Promise<
  Map<
    string,
    { firstName: string; lastName: string; birthDate: string | null; commune: string | null }
  >
> {
  const result = new Map<
    string,
    { firstName: string; lastName: string; birthDate: string | null; commune: string | null }
  >();
  const personIds = rows.flatMap((r) => (r.personId ? [r.personId] : []));
  const requestIds = rows.flatMap((r) =>
    !r.personId && r.supportRequestId ? [r.supportRequestId] : [],
  );
  const people = personIds.length
    ? await db
        .select({
          id: persons.id,
          firstName: persons.firstName,
          lastName: persons.lastName,
          birthDate: persons.birthDate,
          commune: persons.commune,
        })
        .from(persons)
        .where(inArray(persons.id, personIds))
    : [];
  const named = requestIds.length
    ? await db
        .select({
          id: supportRequests.id,
          firstName: supportRequests.personFirstName,
          lastName: supportRequests.personLastName,
          birthDate: supportRequests.personBirthDate,
          commune: supportRequests.personCommune,
        })
        .from(supportRequests)
        .where(inArray(supportRequests.id, requestIds))
    : [];
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const byRequest = new Map(named.map((p) => [p.id, p]));
  for (const row of rows) {
    const found = row.personId
      ? byPerson.get(row.personId)
      : row.supportRequestId
        ? byRequest.get(row.supportRequestId)
        : undefined;
    if (found) {
      result.set(row.id, {
        firstName: found.firstName,
        lastName: found.lastName,
        birthDate: found.birthDate ?? null,
        commune: found.commune ?? null,
      });
    }
  }
  return result;
}

/** The accounts that answer for a recipient: its member's, or those of the members working at the service's organisation. */
export async function findAnsweringAccounts(
  db: TDb,
  target: { serviceId: string | null; memberId: string | null },
): Promise<{ id: string; memberId: string | null }[]> {
  const active = ne(users.status, 'disabled');
  if (target.memberId) {
    return db
      .select({ id: users.id, memberId: users.memberId })
      .from(users)
      .where(and(eq(users.memberId, target.memberId), active));
  }
  if (!target.serviceId) return [];
  return db
    .select({ id: users.id, memberId: users.memberId })
    .from(services)
    .innerJoin(memberOrganisations, eq(memberOrganisations.organisationId, services.organisationId))
    .innerJoin(users, eq(users.memberId, memberOrganisations.memberId))
    .where(and(eq(services.id, target.serviceId), active));
}

/** Which of these services and members exist. */
export async function findExistingTargets(
  db: TDb,
  serviceIds: readonly string[],
  memberIds: readonly string[],
): Promise<{ services: Set<string>; members: Set<string> }> {
  const foundServices = serviceIds.length
    ? await db
        .select({ id: services.id })
        .from(services)
        .where(inArray(services.id, [...serviceIds]))
    : [];
  const foundMembers = memberIds.length
    ? await db
        .select({ id: members.id })
        .from(members)
        .where(inArray(members.id, [...memberIds]))
    : [];
  return {
    services: new Set(foundServices.map((r) => r.id)),
    members: new Set(foundMembers.map((r) => r.id)),
  };
}

/**
 * The person's usual providers: the active care team's members and the services of the
 * structures they work at — offered first when addressing a referral.
 */
export async function findUsualProviders(db: TDb, personId: string) {
  const team = await db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
    })
    .from(careTeamMembers)
    .innerJoin(members, eq(members.id, careTeamMembers.memberId))
    .where(and(eq(careTeamMembers.personId, personId), isNull(careTeamMembers.until)))
    .orderBy(asc(members.lastName));
  const memberIds = team.map((m) => m.memberId);
  const teamServices = memberIds.length
    ? await db
        .selectDistinct({
          serviceId: services.id,
          name: services.name,
          organisationName: organisations.name,
          accepting: services.accepting,
        })
        .from(memberOrganisations)
        .innerJoin(services, eq(services.organisationId, memberOrganisations.organisationId))
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .where(inArray(memberOrganisations.memberId, memberIds))
        .orderBy(asc(services.name))
    : [];
  return { members: team, services: teamServices };
}

/**
 * The referrals still waiting for an acceptance past their urgency's delay at `now`, the latest
 * first: what the alerts raise (issue 15). One statement over the partial index of open referrals.
 */
export async function listOverdueReferrals(
  db: TDb,
  now: Date,
): Promise<
  {
    referralId: string;
    personId: string | null;
    requesterUserId: string | null;
    urgency: TReferralUrgency;
    sentAt: Date;
    lateByMs: number;
  }[]
> {
  const shortest = Math.min(...Object.values(REFERRAL_DELAYS_MS));
  const rows = await db
    .select({
      id: referrals.id,
      personId: referrals.personId,
      requesterUserId: referrals.createdByUserId,
      urgency: referrals.urgency,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .where(
      and(
        eq(referrals.state, 'sent'),
        sql`${referrals.createdAt} < ${new Date(now.getTime() - shortest).toISOString()}::timestamptz`,
      ),
    );
  return rows
    .map((row) => ({
      referralId: row.id,
      personId: row.personId,
      requesterUserId: row.requesterUserId,
      urgency: row.urgency,
      sentAt: row.createdAt,
      lateByMs: now.getTime() - row.createdAt.getTime() - REFERRAL_DELAYS_MS[row.urgency],
    }))
    .filter((row) => row.lateByMs > 0)
    .sort((a, b) => b.lateByMs - a.lateByMs);
}

/** The files of some referrals (without their bytes), by referral. */
export async function findReferralAttachments(db: TDb, referralIds: readonly string[]) {
  const byReferral = new Map<
    string,
    { id: string; fileName: string; mimeType: string; size: number; ownerId: string }[]
  >();
  if (!referralIds.length) return byReferral;
  const rows = await db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      size: attachments.size,
      ownerId: attachments.ownerId,
    })
    .from(attachments)
    .where(
      and(eq(attachments.ownerTable, 'referrals'), inArray(attachments.ownerId, [...referralIds])),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.fileName));
  for (const row of rows)
    byReferral.set(row.ownerId, [...(byReferral.get(row.ownerId) ?? []), row]);
  return byReferral;
}

/** One file of a referral, bytes included, or nothing. */
export async function findReferralAttachment(db: TDb, referralId: string, attachmentId: string) {
  const [row] = await db
    .select(DOWNLOAD_COLUMNS)
    .from(attachments)
    .where(
      and(
        eq(attachments.id, attachmentId),
        eq(attachments.ownerTable, 'referrals'),
        eq(attachments.ownerId, referralId),
      ),
    );
  return row;
}
