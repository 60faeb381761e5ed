import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import {
  assessments,
  careTeamMembers,
  members,
  persons,
  type TChannel,
} from '../../db/schema/index.js';

/** A member's phone: the directory's number, else the first phone channel (preferred first). */
export function phoneOf(member: { phone: string | null; channels: TChannel[] }): string | null {
  const phones = member.channels.filter((c) => c.kind === 'phone');
  return member.phone ?? (phones.find((c) => c.preferred) ?? phones[0])?.value ?? null;
}

/** What the emergency sheet prints of the person, with the case manager's name and phone. */
export async function findSheetPerson(db: TDb, personId: string) {
  const manager = alias(members, 'case_manager');
  const [row] = await db
    .select({
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthName: persons.birthName,
      birthDate: persons.birthDate,
      address: persons.address,
      postalCode: persons.postalCode,
      commune: persons.commune,
      phone: persons.phone,
      insMatricule: persons.insMatricule,
      advanceDirectives: persons.advanceDirectives,
      advanceDirectivesWhere: persons.advanceDirectivesWhere,
      palliativeCare: persons.palliativeCare,
      managerFirstName: manager.firstName,
      managerLastName: manager.lastName,
      managerPhone: manager.phone,
      managerChannels: manager.channels,
    })
    .from(persons)
    .leftJoin(manager, eq(manager.id, persons.caseManagerId))
    .where(and(eq(persons.id, personId), isNull(persons.mergedIntoId)));
  return row;
}

/** The current members of the person's care team, their role and how to reach them. */
export function findCurrentTeam(db: TDb, personId: string, now: Date) {
  return db
    .select({
      firstName: members.firstName,
      lastName: members.lastName,
      profession: members.profession,
      phone: members.phone,
      channels: members.channels,
      role: careTeamMembers.role,
      roleTitle: careTeamMembers.roleTitle,
    })
    .from(careTeamMembers)
    .innerJoin(members, eq(members.id, careTeamMembers.memberId))
    .where(
      and(
        eq(careTeamMembers.personId, personId),
        or(isNull(careTeamMembers.until), gt(careTeamMembers.until, now)),
      ),
    )
    .orderBy(careTeamMembers.role, members.lastName)
    .limit(50);
}

/** The result of the person's latest completed multidimensional assessment, if any. */
export async function findLatestMultidimensional(db: TDb, personId: string) {
  const [row] = await db
    .select({ result: assessments.result, completedAt: assessments.completedAt })
    .from(assessments)
    .where(
      and(
        eq(assessments.personId, personId),
        eq(assessments.instrumentId, 'multidimensional'),
        eq(assessments.state, 'completed'),
      ),
    )
    .orderBy(desc(assessments.completedAt))
    .limit(1);
  return row;
}
