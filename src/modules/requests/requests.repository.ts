import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  members,
  pathways,
  persons,
  referrals,
  services,
  supportRequests,
  users,
} from '../../db/schema/index.js';

export type TRequestRow = typeof supportRequests.$inferSelect;
export type TNewRequest = Omit<typeof supportRequests.$inferInsert, 'reference'> & { id: string };

/** The next reference, DA-<year>-<number>: the number comes from one sequence, never reused. */
export async function nextReference(db: TDb, now: Date): Promise<string> {
  const result = (await db.execute(
    sql`SELECT nextval('support_request_number_seq')::text AS n`,
  )) as { rows: { n: string }[] };
  const year = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 4);
  return `DA-${year}-${result.rows[0]!.n.padStart(6, '0')}`;
}

/** Stores a request under a new reference. */
export async function insertRequest(db: TDb, values: TNewRequest): Promise<TRequestRow> {
  const reference = await nextReference(db, values.receivedAt ?? new Date());
  const [row] = await db
    .insert(supportRequests)
    .values({ ...values, reference })
    .returning();
  return row!;
}

/** Whether a human-check answer already served a request. */
export async function isChallengeUsed(db: TDb, nonce: string): Promise<boolean> {
  const rows = await db
    .select({ id: supportRequests.id })
    .from(supportRequests)
    .where(eq(supportRequests.challengeNonce, nonce));
  return rows.length > 0;
}

/** One request. */
export async function findRequest(db: TDb, id: string): Promise<TRequestRow | undefined> {
  const [row] = await db.select().from(supportRequests).where(eq(supportRequests.id, id));
  return row;
}

/** One request, locked until the transaction ends (two coordinators triaging it at once). */
export async function lockRequest(db: TDb, id: string): Promise<TRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.id, id))
    .for('update');
  return row;
}

/** Requests waiting for an answer, oldest first (the service sorts them by when they are due). */
export function findOpenRequests(db: TDb): Promise<TRequestRow[]> {
  return db
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.state, 'received'))
    .orderBy(asc(supportRequests.receivedAt))
    .limit(500);
}

/** The last answered requests, newest answer first. */
export function findAnsweredRequests(db: TDb, limit: number): Promise<TRequestRow[]> {
  return db
    .select()
    .from(supportRequests)
    .where(ne(supportRequests.state, 'received'))
    .orderBy(desc(supportRequests.answeredAt))
    .limit(limit);
}

/** The requests a user filed, newest first, with the service of a redirection. */
export function findRequestsOf(db: TDb, userId: string) {
  return db
    .select({ request: supportRequests, serviceName: services.name })
    .from(supportRequests)
    .leftJoin(referrals, eq(referrals.supportRequestId, supportRequests.id))
    .leftJoin(services, eq(services.id, referrals.serviceId))
    .where(eq(supportRequests.requesterUserId, userId))
    .orderBy(desc(supportRequests.receivedAt))
    .limit(200);
}

/** Records the triage answer on a request. */
export async function answerRequest(
  db: TDb,
  id: string,
  values: {
    state: TRequestRow['state'];
    answeredAt: Date;
    answeredByUserId: string;
    answerNote: string | null;
    personId?: string;
  },
): Promise<TRequestRow> {
  const [row] = await db
    .update(supportRequests)
    .set(values)
    .where(eq(supportRequests.id, id))
    .returning();
  return row!;
}

/** The service a request was redirected to. */
export async function findReferralOf(db: TDb, requestId: string) {
  const [row] = await db
    .select({ referralId: referrals.id, serviceId: services.id, serviceName: services.name })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .where(eq(referrals.supportRequestId, requestId));
  return row;
}

/** The pathway a request opened, with its assessor's name. */
export async function findPathwayOfRequest(db: TDb, requestId: string) {
  const [row] = await db
    .select({
      id: pathways.id,
      state: pathways.state,
      memberId: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
    })
    .from(pathways)
    .innerJoin(members, eq(members.id, pathways.assessorMemberId))
    .where(eq(pathways.supportRequestId, requestId));
  return row;
}

/** A directory service by id. */
export async function findService(db: TDb, id: string) {
  const [row] = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(eq(services.id, id));
  return row;
}

/** Roles of the accounts that may assess a person (they need an account to do it in Maillon). */
const ASSESSOR_ROLES = ['coordinator', 'professional', 'social', 'admin'] as const;

/** Members with an active account of a clinical or staff role: who may be named to assess. */
export function findAssessors(db: TDb, memberIds?: string[]) {
  return db
    .select({
      memberId: members.id,
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
      role: users.role,
    })
    .from(users)
    .innerJoin(members, eq(members.id, users.memberId))
    .where(
      and(
        eq(users.status, 'active'),
        inArray(users.role, [...ASSESSOR_ROLES]),
        memberIds ? inArray(members.id, memberIds) : undefined,
      ),
    )
    .orderBy(asc(members.lastName), asc(members.firstName));
}

/**
 * The GP of a followed person (persons.gp_member_id) when they have an active account: where a
 * copy of an answer goes, in their language.
 */
export async function findGpAccountOf(db: TDb, personId: string) {
  const [row] = await db
    .select({
      email: users.email,
      locale: users.locale,
      firstName: members.firstName,
      lastName: members.lastName,
    })
    .from(persons)
    .innerJoin(members, eq(members.id, persons.gpMemberId))
    .innerJoin(users, eq(users.memberId, members.id))
    .where(and(eq(persons.id, personId), eq(users.status, 'active')));
  return row;
}
