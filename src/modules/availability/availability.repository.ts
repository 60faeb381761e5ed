import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import { absences, memberOrganisations, members, workingHours } from '../../db/schema/index.js';
import type { TWeeklyRange } from './free-slots.js';

export type TAbsenceRow = typeof absences.$inferSelect;

/** Whether the member exists in the directory. */
export async function memberExists(db: TDb, memberId: string): Promise<boolean> {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.id, memberId));
  return row !== undefined;
}

/** Of the given members, those that exist. */
export async function existingMemberIds(db: TDb, memberIds: readonly string[]) {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(inArray(members.id, [...memberIds]));
  return new Set(rows.map((r) => r.id));
}

/** Whether editor may edit services of an organisation where member works (decision 030). */
export async function editsAnOrganisationOf(db: TDb, editorId: string, memberId: string) {
  const editor = alias(memberOrganisations, 'editor');
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(memberOrganisations)
    .innerJoin(
      editor,
      and(
        eq(editor.organisationId, memberOrganisations.organisationId),
        eq(editor.memberId, editorId),
        eq(editor.canEditServices, true),
      ),
    )
    .where(eq(memberOrganisations.memberId, memberId))
    .limit(1);
  return row !== undefined;
}

/** The weekly ranges recorded for each member (absent from the map: none recorded). */
export async function findWeeks(db: TDb, memberIds: readonly string[]) {
  const rows = await db
    .select()
    .from(workingHours)
    .where(inArray(workingHours.memberId, [...memberIds]))
    .orderBy(asc(workingHours.weekday), asc(workingHours.startMinute));
  const weeks = new Map<string, TWeeklyRange[]>();
  for (const { memberId, weekday, startMinute, endMinute } of rows) {
    const week = weeks.get(memberId) ?? [];
    week.push({ weekday, startMinute, endMinute });
    weeks.set(memberId, week);
  }
  return weeks;
}

/** Replaces a member's week by the given ranges. */
export async function replaceWeek(db: TDb, memberId: string, ranges: readonly TWeeklyRange[]) {
  await db.delete(workingHours).where(eq(workingHours.memberId, memberId));
  if (ranges.length > 0)
    await db.insert(workingHours).values(ranges.map((range) => ({ memberId, ...range })));
}

/** Absences of the members that overlap [from, to), earliest first. */
export function findAbsences(db: TDb, memberIds: readonly string[], from: Date, to: Date) {
  return db
    .select()
    .from(absences)
    .where(
      and(
        inArray(absences.memberId, [...memberIds]),
        lt(absences.startsAt, to),
        gt(absences.endsAt, from),
      ),
    )
    .orderBy(asc(absences.startsAt));
}

/** Records an absence. */
export async function insertAbsence(db: TDb, row: typeof absences.$inferInsert) {
  const [inserted] = await db.insert(absences).values(row).returning();
  if (!inserted) throw new Error('the absence was not written');
  return inserted;
}

/** Removes one absence of the member; false if there was none. */
export async function deleteAbsence(db: TDb, memberId: string, absenceId: string) {
  const rows = await db
    .delete(absences)
    .where(and(eq(absences.id, absenceId), eq(absences.memberId, memberId)))
    .returning({ id: absences.id });
  return rows.length > 0;
}
