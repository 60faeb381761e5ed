/**
 * Hospital stays of the demo network (decision 024), written as the application writes them
 * (a pathway event per admission and discharge): one person in hospital after a fall (unplanned),
 * one back home since yesterday with a follow-up due, one earlier planned stay whose follow-up
 * was done. Most followed people had a member join their team lately (a contact); one in eight
 * did not, so the sweep that seedDemoNetwork runs after the seed finds them silent for too long.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  alerts,
  careTeamMembers,
  hospitalStays,
  pathwayEvents,
  pathways,
  users,
} from '../db/schema/index.js';
import { careTeamRoleOf } from '../modules/persons/care-team.roles.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

/** Seeds the stays; returns how many. */
export async function seedDemoStays(tx: TDb, personIds: string[]): Promise<number> {
  const [nurse] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'medecin@reseau-demo.fr'));
  const [manager] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinatrice@reseau-demo.fr'));
  const by = nurse?.id ?? null;
  // People of the coordinator's caseload (the first 35) whose pathway is active, Jeanne Roux aside.
  const active = new Set(
    (
      await tx
        .select({ personId: pathways.personId })
        .from(pathways)
        .where(
          and(eq(pathways.state, 'active'), inArray(pathways.personId, personIds.slice(1, 35))),
        )
    ).map((row) => row.personId),
  );
  const [inHospital, backHome, earlier] = personIds.slice(1, 35).filter((id) => active.has(id));
  if (!inHospital || !backHome || !earlier) return 0;
  const stays: {
    personId: string;
    facilityName: string;
    admittedAt: Date;
    planned: boolean;
    reason: string | null;
    discharge?: { at: Date; destination: 'home' | 'rehabilitation'; planned: boolean };
    followedUp?: string;
  }[] = [
    {
      personId: inHospital,
      facilityName: 'CHU de Saint-Étienne, hôpital Nord',
      admittedAt: ago(3 * DAY + 5 * HOUR),
      planned: false,
      reason: 'Chute à domicile dans la nuit, fracture du poignet droit',
    },
    {
      personId: backHome,
      facilityName: 'Centre hospitalier de Firminy',
      admittedAt: ago(9 * DAY),
      planned: false,
      reason: 'Décompensation cardiaque',
      discharge: { at: ago(20 * HOUR), destination: 'home', planned: false },
    },
    {
      personId: earlier,
      facilityName: 'Clinique mutualiste de la Loire',
      admittedAt: ago(62 * DAY),
      planned: true,
      reason: 'Pose de prothèse de hanche programmée',
      discharge: { at: ago(55 * DAY), destination: 'rehabilitation', planned: true },
      followedUp:
        'Appel le lendemain de la sortie : bien installée en SSR, retour à domicile prévu dans trois semaines.',
    },
  ];
  for (const spec of stays) {
    const [stay] = await tx
      .insert(hospitalStays)
      .values({
        personId: spec.personId,
        facilityName: spec.facilityName,
        admittedAt: spec.admittedAt,
        admissionPlanned: spec.planned,
        reason: spec.reason,
        admittedByUserId: by,
        ...(spec.discharge
          ? {
              dischargedAt: spec.discharge.at,
              dischargeDestination: spec.discharge.destination,
              dischargePlanned: spec.discharge.planned,
              dischargedByUserId: by,
            }
          : {}),
      })
      .returning();
    await recordPathwayEvent(tx, {
      personId: spec.personId,
      kind: 'hospital.admitted',
      actorUserId: by,
      category: 'administrative',
      source: { table: 'hospital_stays', id: stay!.id },
      data: { planned: spec.planned, organisationId: null },
      at: spec.admittedAt,
    });
    if (spec.discharge) {
      await recordPathwayEvent(tx, {
        personId: spec.personId,
        kind: 'hospital.discharged',
        actorUserId: by,
        category: 'administrative',
        source: { table: 'hospital_stays', id: stay!.id },
        data: { planned: spec.discharge.planned, destination: spec.discharge.destination },
        at: spec.discharge.at,
      });
    }
    if (spec.discharge && spec.followedUp) {
      const resolvedAt = new Date(spec.discharge.at.getTime() + 20 * HOUR);
      await tx.insert(alerts).values({
        personId: spec.personId,
        kind: 'discharge_follow_up',
        ownerUserId: manager?.id ?? null,
        sourceTable: 'hospital_stays',
        sourceId: stay!.id,
        episode: stay!.id,
        raisedAt: spec.discharge.at,
        dueAt: new Date(spec.discharge.at.getTime() + 48 * HOUR),
        state: 'resolved',
        data: { dischargedAt: spec.discharge.at.toISOString() },
        resolvedAt,
        resolvedByUserId: manager?.id ?? null,
        resolveNote: spec.followedUp,
      });
    }
  }
  return stays.length;
}

/**
 * A recent contact for most people with an active pathway: one of their team joined in the last
 * fortnight (the membership's date moved there, with its 'care_team.joined' event). One in eight
 * keeps only old news: the "no contact" alerts of the demo. Returns how many stay silent.
 */
export async function seedDemoContacts(tx: TDb): Promise<number> {
  const active = await tx
    .select({ personId: pathways.personId })
    .from(pathways)
    .where(eq(pathways.state, 'active'))
    .orderBy(asc(pathways.personId));
  const ids = active.map((row) => row.personId);
  if (!ids.length) return 0;
  const memberships = await tx
    .select()
    .from(careTeamMembers)
    .where(and(inArray(careTeamMembers.personId, ids)))
    .orderBy(asc(careTeamMembers.personId), asc(careTeamMembers.id));
  const firstOf = new Map<string, (typeof memberships)[number]>();
  for (const row of memberships) if (!firstOf.has(row.personId)) firstOf.set(row.personId, row);
  let silent = 0;
  const events: (typeof pathwayEvents.$inferInsert)[] = [];
  for (const [index, personId] of ids.entries()) {
    const membership = firstOf.get(personId);
    if (index % 8 === 3 || !membership || membership.until) {
      silent++;
      continue;
    }
    const at = ago((2 + (index % 12)) * DAY);
    await tx
      .update(careTeamMembers)
      .set({ since: at })
      .where(eq(careTeamMembers.id, membership.id));
    events.push({
      personId,
      kind: 'care_team.joined',
      actorUserId: null,
      category: 'identity',
      sourceTable: 'care_team_members',
      sourceId: membership.id,
      data: { memberId: membership.memberId, role: careTeamRoleOf(membership.role) },
      at,
    });
  }
  if (events.length) await tx.insert(pathwayEvents).values(events);
  return silent;
}
