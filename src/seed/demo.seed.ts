import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  careTeamMembers,
  directoryHistory,
  memberOrganisations,
  members,
  networkSettings,
  organisations,
  personContacts,
  persons,
  services,
  users,
  type TChannel,
} from '../db/schema/index.js';
import {
  indexMembers,
  indexOrganisations,
  indexServices,
} from '../modules/directory/directory.indexer.js';
import {
  COMMUNE_INFO,
  DEMO_COMMUNES,
  DEMO_MEMBERS,
  DEMO_ORGANISATIONS,
  DEMO_SERVICES,
  type TDemoOrganisation,
  type TDemoOrgKey,
} from './demo-directory.data.js';
import type { TRole } from '../server/context.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { INS_OIDS, insKey } from '../modules/persons/person-identity.rules.js';
import { withTransaction } from '../server/transaction.js';
import { seedDemoAssessments } from './demo-assessments.seed.js';
import {
  DEMO_NETWORK_NAME,
  DEMO_SEED_KEY,
  DEMO_PATIENT_EMAIL,
  DEMO_SEED_LOCK,
  DEMO_SEED_VERSION,
  upgradeDemoNetwork,
} from './demo-upgrade.seed.js';
import { seedDemoNotifications } from './demo-notifications.seed.js';
import { seedDemoCaseloads } from './demo-caseload.seed.js';
import { seedDemoMessages } from './demo-messages.seed.js';
import { seedDemoLogbook } from './demo-logbook.seed.js';
import { seedDemoPlans } from './demo-plans.seed.js';
import { seedDemoReferrals } from './demo-referrals.seed.js';
import { seedDemoRequests } from './demo-requests.seed.js';
import { seedDemoContacts, seedDemoStays } from './demo-stays.seed.js';
import { seedDemoAgenda } from './demo-agenda.seed.js';
import { runAlertSweep } from '../modules/alerts/alerts.sweep.js';
import { appendAudit } from '../modules/audit/audit.repository.js';
import {
  fictionNumber,
  PROFESSION_REACH,
  rppsNumber,
  slugify,
  withPreferred,
} from './directory-habits.js';

export const DEMO_PASSWORD = 'Maillon-demo-2026!';

/** One login per role, printed at start. */
export const DEMO_LOGINS: readonly { role: TRole; email: string }[] = [
  { role: 'admin', email: 'admin@reseau-demo.fr' },
  { role: 'coordinator', email: 'coordinatrice@reseau-demo.fr' },
  { role: 'professional', email: 'medecin@reseau-demo.fr' },
  { role: 'social', email: 'social@reseau-demo.fr' },
  { role: 'patient', email: DEMO_PATIENT_EMAIL },
  { role: 'steering', email: 'pilotage@reseau-demo.fr' },
];

const SEED_KEY = DEMO_SEED_KEY;
const SEED_VERSION = DEMO_SEED_VERSION;
const DAY = 86_400_000;

const FIRST_NAMES = [
  'Jeanne',
  'Marcel',
  'Yvonne',
  'André',
  'Simone',
  'Georges',
  'Denise',
  'Robert',
  'Paulette',
  'Henri',
  'Odette',
  'Lucien',
  'Germaine',
  'Roger',
  'Suzanne',
  'Raymond',
  'Colette',
  'Maurice',
  'Lucienne',
  'Gilbert',
];
const LAST_NAMES = [
  'Roux',
  'Blanc',
  'Guerin',
  'Muller',
  'Faure',
  'André',
  'Mercier',
  'Boyer',
  'Chevalier',
  'Lemoine',
  'Renaud',
  'Picard',
  'Rolland',
  'Aubert',
  'Brun',
  'Gauthier',
  'Morel',
  'Noël',
  'Barbier',
  'Arnaud',
  'Fabre',
  'Collet',
];

/** The role in the care team (decision 018) of each demo member who joins teams. */
const DEMO_TEAM_ROLES: Record<string, string> = {
  professional: 'gp',
  gp2: 'gp',
  nurse: 'home_nurse',
  nurse2: 'home_nurse',
  social: 'social_worker',
  aide: 'home_aide',
  pharmacist: 'pharmacist',
};

/** Deterministic pseudo-random numbers, so every demo network is the same. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A qualified INS identity for the demo patient: a fictional NIR (born in 2A004) with its key. */
function demoQualifiedIdentity(year: number, month: string) {
  const first13 = `2${String(year).slice(2)}${month}2A004045`;
  return {
    sex: 'female',
    birthPlaceInsee: '2A004',
    birthPlaceName: 'Ajaccio',
    insMatricule: `${first13}${String(insKey(first13)).padStart(2, '0')}`,
    insOid: INS_OIDS.nir,
    identityStatus: 'qualifiee',
    identityDocument: 'national_id_card',
  };
}

/**
 * Seeds the fictional network once; later calls see the marker and only bring a demo seeded by
 * an earlier release up to date (upgradeDemoNetwork).
 */
export async function seedDemoNetwork(db: TDb): Promise<void> {
  const [marker] = await db.select().from(networkSettings).where(eq(networkSettings.key, SEED_KEY));
  if (marker) {
    await upgradeDemoNetwork(db);
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransaction(db, async (tx) => {
    // Several instances started together on an empty database (issue 18): one seeds, the others
    // wait for it here, then find its marker and leave.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const [alreadySeeded] = await tx
      .select()
      .from(networkSettings)
      .where(eq(networkSettings.key, SEED_KEY));
    if (alreadySeeded) return;
    const { memberIds, directoryIds } = await seedDirectory(tx);
    const random = seeded(42);
    const personIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      const firstName = i === 0 ? 'Jeanne' : FIRST_NAMES[i % FIRST_NAMES.length]!;
      const lastName = i === 0 ? 'Roux' : LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
      const year = 1930 + Math.floor(random() * 40);
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const gpKey = i % 2 === 0 ? 'professional' : 'gp2';
      const [row] = await tx
        .insert(persons)
        .values({
          firstName,
          lastName,
          birthName: lastName,
          firstNames: firstName,
          birthDate: `${year}-${month}-${day}`,
          commune: DEMO_COMMUNES[i % DEMO_COMMUNES.length]!,
          caseManagerId: memberIds.get(i < 35 ? 'coordinator' : 'coordinator2')!,
          gpMemberId: memberIds.get(gpKey)!,
          // The demo patient has a qualified identity (a fictional NIR with its key) and a trusted person.
          ...(i === 0 ? demoQualifiedIdentity(year, month) : {}),
        })
        .returning({ id: persons.id });
      personIds.push(row!.id);
      if (i === 0) {
        await tx.insert(personContacts).values([
          {
            personId: row!.id,
            kind: 'trusted_person',
            name: 'Michel Roux',
            relation: 'fils',
            phone: '06 45 12 78 90',
          },
          { personId: row!.id, kind: 'caregiver', name: 'Sylvie Roux', relation: 'belle-fille' },
        ]);
      }
      const team: [string, string, boolean][] = [
        [i % 2 === 0 ? 'professional' : 'gp2', 'Médecin traitant', false],
        [i % 3 === 0 ? 'nurse' : 'nurse2', 'Soins infirmiers à domicile', false],
      ];
      if (i % 4 === 0) team.push(['social', 'Droits sociaux et aides', false]);
      if (i % 5 === 0) team.push(['aide', 'Aide au lever et aux repas', false]);
      if (i % 6 === 0) team.push(['pharmacist', 'Pharmacie de référence', false]);
      await tx.insert(careTeamMembers).values(
        team.map(([key, roleTitle, medicalAccess]) => ({
          personId: row!.id,
          memberId: memberIds.get(key)!,
          role: DEMO_TEAM_ROLES[key] ?? 'other',
          roleTitle,
          medicalAccess,
        })),
      );
    }

    const displayOf = (key: string) => {
      const m = DEMO_MEMBERS.find((x) => x.key === key)!;
      return `${m.firstName} ${m.lastName}`;
    };
    for (const login of DEMO_LOGINS) {
      const isPatient = login.role === 'patient';
      await tx.insert(users).values({
        email: login.email,
        displayName: isPatient ? 'Jeanne Roux' : displayOf(login.role),
        role: login.role,
        status: 'active',
        locale: 'fr',
        passwordHash,
        memberId: isPatient ? null : memberIds.get(login.role)!,
        personId: isPatient ? personIds[0]! : null,
      });
    }
    const requests = await seedDemoRequests(tx, { personIds, memberIds });
    const assessments = await seedDemoAssessments(tx, personIds);
    const caseloads = await seedDemoCaseloads(tx, { memberIds });
    const plans = await seedDemoPlans(tx, personIds, memberIds);
    const messageCount = await seedDemoMessages(tx, personIds[0]!);
    const logbook = await seedDemoLogbook(tx, personIds, memberIds);
    const referralCount = await seedDemoReferrals(tx, { personIds, memberIds });
    const stays = await seedDemoStays(tx, personIds);
    await seedDemoContacts(tx);
    const agenda = await seedDemoAgenda(tx, personIds, memberIds);
    const notificationCount = await seedDemoNotifications(tx, personIds);
    await tx.insert(networkSettings).values([
      { key: SEED_KEY, value: SEED_VERSION },
      { key: 'network_name', value: DEMO_NETWORK_NAME },
    ]);
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'system.seed_demo',
      resourceType: 'network',
      outcome: 'success',
      details: {
        ...directoryIds,
        persons: 60 + caseloads.persons,
        requests,
        assessments,
        plans,
        messages: messageCount,
        logbook,
        referrals: referralCount,
        stays,
        agenda,
        notifications: notificationCount,
      },
    });
  });
  // The alerts of the demo (a stay, a follow-up, long silences) stand from the first screen.
  await runAlertSweep(db);
}

/** How each profession is best reached, and the "good to know" notes its members tend to leave. */

/**
 * The directory of the demo territory (organisations, members, services from
 * demo-directory.data.ts), inserted in batches, with a history entry per entry and the search
 * index built in the same transaction.
 */
async function seedDirectory(tx: TDb) {
  const random = seeded(7);
  const now = Date.now();
  // Most entries were checked in the last months; one in ten is over 400 days old ("à vérifier").
  const verifiedAt = (index: number) =>
    new Date(
      now -
        (index % 10 === 7 ? 400 + Math.floor(random() * 300) : 3 + Math.floor(random() * 150)) *
          DAY,
    );

  const orgEntries = Object.entries(DEMO_ORGANISATIONS) as [TDemoOrgKey, TDemoOrganisation][];
  const orgIds = new Map<TDemoOrgKey, string>();
  const orgRows = orgEntries.map(([key, org], index) => {
    const id = randomUUID();
    orgIds.set(key, id);
    const info = COMMUNE_INFO[org.commune];
    const channels: TChannel[] = [
      { kind: 'phone', value: org.phone, ...(org.phoneTimes ? { bestTimes: org.phoneTimes } : {}) },
    ];
    if (org.mssante) channels.push({ kind: 'secure_messaging', value: org.mssante });
    if (org.email) channels.push({ kind: 'email', value: org.email });
    return {
      id,
      name: org.name,
      type: org.type,
      address: org.address,
      postalCode: info.postalCode,
      commune: org.commune,
      latitude: Math.round((info.latitude + (random() - 0.5) / 100) * 1e5) / 1e5,
      longitude: Math.round((info.longitude + (random() - 0.5) / 100) * 1e5) / 1e5,
      phone: org.phone,
      email: org.email ?? null,
      website: org.website ?? null,
      openingHours: org.openingHours,
      channels: withPreferred(channels, org.preferred ?? 'phone'),
      goodToKnow: org.goodToKnow ?? null,
      verifiedAt: verifiedAt(index),
    };
  });
  await tx.insert(organisations).values(orgRows);

  const memberIds = new Map<string, string>();
  const memberRows: (typeof members.$inferInsert)[] = [];
  const links: (typeof memberOrganisations.$inferInsert)[] = [];
  const rppsUsed = new Set<string>();
  DEMO_MEMBERS.forEach((member, index) => {
    const id = randomUUID();
    if (member.key) memberIds.set(member.key, id);
    const org = DEMO_ORGANISATIONS[member.org] as TDemoOrganisation;
    const reach = PROFESSION_REACH[member.profession];
    const local = `${slugify(member.firstName)}.${slugify(member.lastName)}`;
    const email = `${local}@${org.slug}.reseau-demo.fr`;
    const phone = fictionNumber('06 39 98', 1000 + index);
    const channels: TChannel[] = [{ kind: 'phone', value: phone, bestTimes: reach.bestTimes }];
    if (reach.preferred === 'sms') channels.push({ kind: 'sms', value: phone });
    if (reach.health) {
      channels.push({
        kind: 'secure_messaging',
        value: `${local}@${org.slug}.mssante.fr`,
        bestTimes: 'lue chaque jour',
      });
    }
    channels.push({ kind: 'email', value: email });
    let rpps: string | null = null;
    if (reach.health) {
      do rpps = rppsNumber(Math.floor(random() * 100_000_000));
      while (rppsUsed.has(rpps));
      rppsUsed.add(rpps);
    }
    const tip = reach.tips.length && random() < 0.4 ? reach.tips[index % reach.tips.length]! : null;
    memberRows.push({
      id,
      firstName: member.firstName,
      lastName: member.lastName,
      profession: member.profession,
      specialty: member.specialty ?? null,
      rpps,
      email,
      phone,
      languages: member.languages ?? ['fr'],
      channels: withPreferred(channels, reach.preferred),
      goodToKnow: member.goodToKnow ?? tip,
      verifiedAt: verifiedAt(index),
    });
    links.push({
      memberId: id,
      organisationId: orgIds.get(member.org)!,
      roleTitle: member.title,
      canEditServices: member.canEdit ?? false,
    });
    if (member.also && member.also.org !== member.org) {
      links.push({
        memberId: id,
        organisationId: orgIds.get(member.also.org)!,
        roleTitle: member.also.title,
      });
    }
  });
  await tx.insert(members).values(memberRows);
  await tx.insert(memberOrganisations).values(links);

  const serviceRows = DEMO_SERVICES.map((service, index) => ({
    id: randomUUID(),
    organisationId: orgIds.get(service.org)!,
    name: service.name,
    description: service.description,
    missions: service.missions,
    limits: service.limits,
    eligibility: service.eligibility,
    careStreams: service.careStreams,
    communesServed: service.communes,
    waitingTime: service.waitingTime,
    accepting: service.accepting,
    acceptingConditions: service.acceptingConditions ?? null,
    hours: service.hours,
    costNotes: service.costNotes,
    channels: withPreferred(
      service.channels,
      service.channels.find((c) => c.preferred)?.kind ?? 'phone',
    ),
    goodToKnow: service.goodToKnow ?? null,
    verifiedAt: verifiedAt(index),
  }));
  await tx.insert(services).values(serviceRows);

  const ids = {
    organisation: orgRows.map((r) => r.id),
    member: memberRows.map((r) => r.id!),
    service: serviceRows.map((r) => r.id),
  };
  await tx.insert(directoryHistory).values(
    (['organisation', 'member', 'service'] as const).flatMap((entityType) =>
      ids[entityType].map((entityId) => ({
        entityType,
        entityId,
        version: 1,
        action: 'create' as const,
        changedBy: null,
        changes: {},
      })),
    ),
  );
  await indexOrganisations(tx, ids.organisation);
  await indexServices(tx, ids.service);
  await indexMembers(tx, ids.member);
  return {
    memberIds,
    directoryIds: {
      organisations: ids.organisation.length,
      members: ids.member.length,
      services: ids.service.length,
    },
  };
}
