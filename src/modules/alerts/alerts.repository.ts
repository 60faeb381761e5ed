import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import { alerts, members, persons, users } from '../../db/schema/index.js';
import type { TAlertKind } from './alert-rules.js';

export type TAlertRow = typeof alerts.$inferSelect;

const ackBy = alias(users, 'ack_by');
const resolvedBy = alias(users, 'resolved_by');
const owner = alias(users, 'owner');

const STANDING = ['open', 'acknowledged'] as const;
const CLOSED = ['resolved', 'cleared'] as const;

/** Alerts with the names the list shows, newest due first (overdue follow-ups on top). */
export async function findAlerts(
  db: TDb,
  filter: {
    ownerUserId?: string;
    /** With ownerUserId: also those nobody owns (the coordination team's). */
    includeUnowned?: boolean;
    personId?: string;
    id?: string;
    kind?: TAlertKind | undefined;
    state: 'standing' | 'closed';
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [
    inArray(alerts.state, filter.state === 'standing' ? [...STANDING] : [...CLOSED]),
  ];
  if (filter.ownerUserId) {
    where.push(
      filter.includeUnowned
        ? or(eq(alerts.ownerUserId, filter.ownerUserId), isNull(alerts.ownerUserId))
        : eq(alerts.ownerUserId, filter.ownerUserId),
    );
  }
  if (filter.personId) where.push(eq(alerts.personId, filter.personId));
  if (filter.id) where.push(eq(alerts.id, filter.id));
  if (filter.kind) where.push(eq(alerts.kind, filter.kind));
  return db
    .select({
      alert: alerts,
      personFirstName: persons.firstName,
      personLastName: persons.lastName,
      memberFirstName: members.firstName,
      memberLastName: members.lastName,
      ownerName: owner.displayName,
      acknowledgedBy: ackBy.displayName,
      resolvedBy: resolvedBy.displayName,
    })
    .from(alerts)
    .leftJoin(persons, eq(persons.id, alerts.personId))
    .leftJoin(
      members,
      and(eq(alerts.sourceTable, 'members'), eq(sql`${members.id}::text`, alerts.sourceId)),
    )
    .leftJoin(owner, eq(owner.id, alerts.ownerUserId))
    .leftJoin(ackBy, eq(ackBy.id, alerts.acknowledgedByUserId))
    .leftJoin(resolvedBy, eq(resolvedBy.id, alerts.resolvedByUserId))
    .where(and(...where))
    .orderBy(
      sql`${alerts.dueAt} ASC NULLS LAST`,
      // a person in hospital now before a silence or a late review
      sql`CASE ${alerts.kind} WHEN 'unplanned_stay' THEN 0 WHEN 'discharge_follow_up' THEN 1
            WHEN 'no_contact' THEN 2 ELSE 3 END`,
      desc(filter.state === 'standing' ? alerts.raisedAt : alerts.clearedAt),
      desc(alerts.raisedAt),
    )
    .limit(filter.limit);
}

export type TAlertListRow = Awaited<ReturnType<typeof findAlerts>>[number];

export async function findAlert(db: TDb, id: string, lock = false) {
  const query = db.select().from(alerts).where(eq(alerts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function setAlertState(
  db: TDb,
  id: string,
  from: readonly TAlertRow['state'][],
  values: Partial<typeof alerts.$inferInsert>,
) {
  const [row] = await db
    .update(alerts)
    .set(values)
    .where(and(eq(alerts.id, id), inArray(alerts.state, [...from])))
    .returning({ id: alerts.id });
  return row !== undefined;
}
